#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include "analytics/analyticsengine.h"
#include "analytics/isoweek.h"
#include "analytics/meetingbrief.h"
#include "cli/cli.h"
#include "store/database.h"
#include "store/error.h"
#include "ui/meetingreport.h"

namespace handoff {

using namespace commandsupport;

namespace commands {

// handoff report --db FILE [--week 2026-W47] --out report.pdf [--page a4|letter]
int report(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions(
        {{QStringLiteral("db"), tr("Lead database."), QStringLiteral("FILE")},
         {QStringLiteral("week"), tr("ISO week, e.g. 2026-W47 (default: this week)."),
          QStringLiteral("WEEK")},
         {QStringLiteral("out"), tr("PDF file to write."), QStringLiteral("FILE")},
         {QStringLiteral("page"), tr("Page size: a4 or letter."), QStringLiteral("SIZE")}});
    parse(parser, arguments);
    const QString path = requiredDb(parser);
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        throw UsageError(tr("--out FILE is required"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    qint64 weekStart = isoweek::startOf(now);
    if (parser.isSet(QStringLiteral("week"))) {
        const std::optional<qint64> week = isoweek::parse(parser.value(QStringLiteral("week")));
        if (!week)
            throw UsageError(tr("--week must be an ISO week such as 2026-W47, not '%1'")
                                 .arg(parser.value(QStringLiteral("week"))));
        weekStart = *week;
    }
    QPageSize::PageSizeId page = MeetingReport::defaultPageSize();
    if (parser.isSet(QStringLiteral("page"))) {
        const QString name = parser.value(QStringLiteral("page")).toLower();
        if (name == QLatin1String("a4"))
            page = QPageSize::A4;
        else if (name == QLatin1String("letter"))
            page = QPageSize::Letter;
        else
            throw UsageError(tr("--page must be a4 or letter, not '%1'")
                                 .arg(parser.value(QStringLiteral("page"))));
    }
    Database db = openExisting(path);
    const MeetingReport::Written written = MeetingReport::exportWeek(db, weekStart, now, page, out);
    io.out << tr("Wrote the %1 meeting report to %2: %3 pages (%4)\n")
                  .arg(written.week, out)
                  .arg(written.pages)
                  .arg(page == QPageSize::Letter ? QStringLiteral("Letter") : QStringLiteral("A4"));
    return cli::Success;
}

} // namespace commands

} // namespace handoff
