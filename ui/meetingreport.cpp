#include "ui/meetingreport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QPdfWriter>

#include <qcustomplot.h>

#include "analytics/analyticsengine.h"
#include "analytics/chartdata.h"
#include "analytics/figureformat.h"
#include "analytics/isoweek.h"
#include "store/error.h"
#include "ui/chartplotter.h"

namespace handoff {

namespace {

// Lays text, tables and charts down a page, starting a new page when the next block does not
// fit. Units are the writer's device pixels at 96 dpi.
class PageFlow
{
public:
    // `footer` goes at the foot of every page with its number.
    PageFlow(QPdfWriter &writer, QCPPainter &painter, QString footer)
        : m_writer(writer)
        , m_painter(painter)
        , m_footer(std::move(footer))
        , m_width(painter.viewport().width())
        , m_height(painter.viewport().height() - FooterHeight)
    {}

    int width() const { return m_width; }
    int pages() const { return m_pages; }

    void newPage()
    {
        drawFooter();
        m_writer.newPage();
        ++m_pages;
        m_y = 0;
    }
    // Ends the last page.
    void finish() { drawFooter(); }
    void ensure(int height)
    {
        if (m_y > 0 && m_y + height > m_height)
            newPage();
    }
    void space(int height) { m_y += height; }

    void text(const QString &text, int pointSize, bool bold = false, QColor colour = Qt::black)
    {
        QFont font(QStringLiteral("DejaVu Sans"), pointSize);
        font.setBold(bold);
        m_painter.setFont(font);
        m_painter.setPen(colour);
        const QRect bounds =
            m_painter.boundingRect(QRect(0, 0, m_width, m_height), Qt::TextWordWrap, text);
        ensure(bounds.height());
        m_painter.drawText(QRect(0, m_y, m_width, bounds.height()), Qt::TextWordWrap, text);
        m_y += bounds.height() + 6;
    }

    // A table, or `empty` in its place when there are no rows (a header over nothing reads
    // as a rendering fault). Columns get the width their text needs; what is left over is
    // shared by `stretch`, and only when the page is too narrow is the widest text elided.
    void table(const QStringList &headers, const QList<QStringList> &rows,
               const QList<int> &stretch = {}, const QString &empty = {})
    {
        if (rows.isEmpty() && !empty.isEmpty()) {
            text(empty, 9, false, Qt::darkGray);
            m_y += 6;
            return;
        }
        QFont font(QStringLiteral("DejaVu Sans"), 8);
        m_painter.setFont(font);
        const int rowHeight = QFontMetrics(font, &m_writer).height() + 8;
        QList<int> weights = stretch;
        while (weights.size() < headers.size())
            weights << 1;
        const QList<int> widths = columnWidths(headers, rows, weights, font);
        QList<int> x{0};
        for (const int w : widths)
            x << x.last() + w;
        // Columns of figures to the right, of words to the left (as the first row has them).
        QList<bool> right(headers.size(), false);
        for (qsizetype c = 1; c < headers.size() && !rows.isEmpty(); ++c) {
            const QString first = rows.front().value(c);
            right[c] = !first.isEmpty() &&
                       (first.front().isDigit() || first.front() == u'+' || first.front() == u'-');
        }
        const auto drawRow = [&](const QStringList &cells, bool header) {
            ensure(rowHeight);
            if (header)
                m_painter.fillRect(QRect(0, m_y, m_width, rowHeight), QColor(0xe8, 0xee, 0xf5));
            QFont f = font;
            f.setBold(header);
            m_painter.setFont(f);
            m_painter.setPen(Qt::black);
            for (qsizetype c = 0; c < headers.size(); ++c) {
                const QRect cell(x[c] + 4, m_y, x[c + 1] - x[c] - 8, rowHeight);
                const QString value = cells.value(c);
                m_painter.drawText(
                    cell, Qt::AlignVCenter | (right[c] ? Qt::AlignRight : Qt::AlignLeft),
                    QFontMetrics(f, &m_writer).elidedText(value, Qt::ElideRight, cell.width()));
            }
            m_painter.setPen(QColor(0xcc, 0xcc, 0xcc));
            m_painter.drawLine(QLineF(0, m_y + rowHeight, m_width, m_y + rowHeight));
            m_y += rowHeight;
        };
        drawRow(headers, true);
        for (const QStringList &row : rows) {
            if (m_y + rowHeight > m_height) {
                newPage();
                drawRow(headers, true); // the header again on the next page
            }
            drawRow(row, false);
        }
        m_y += 12;
    }

    void chart(QCustomPlot &plot, int height)
    {
        ensure(height);
        m_painter.save();
        m_painter.translate(0, m_y);
        plot.toPainter(&m_painter, m_width, height);
        m_painter.restore();
        m_y += height + 8;
    }

private:
    static constexpr int FooterHeight = 28;

    QList<int> columnWidths(const QStringList &headers, const QList<QStringList> &rows,
                            const QList<int> &weights, const QFont &font) const
    {
        QFont bold = font;
        bold.setBold(true);
        const QFontMetrics plain(font, &m_writer);
        const QFontMetrics heading(bold, &m_writer);
        const qsizetype n = headers.size();
        QList<int> natural(n);
        for (qsizetype c = 0; c < n; ++c) {
            natural[c] = heading.horizontalAdvance(headers[c]) + 12;
            for (const QStringList &row : rows)
                natural[c] = std::max(natural[c], plain.horizontalAdvance(row.value(c)) + 12);
        }
        int total = 0;
        for (const int w : natural)
            total += w;
        QList<int> widths = natural;
        if (total <= m_width) {
            int weightSum = 0;
            for (const int w : weights)
                weightSum += w;
            const int spare = m_width - total;
            for (qsizetype c = 0; c < n; ++c)
                widths[c] += spare * weights[c] / std::max(1, weightSum);
            return widths;
        }
        // Too wide: each column gives up part of the excess in proportion to how much wider
        // than its heading it is, so all stay close to their text and none is squeezed.
        QList<int> slack(n);
        int slackSum = 0;
        for (qsizetype c = 0; c < n; ++c) {
            slack[c] = std::max(0, natural[c] - heading.horizontalAdvance(headers[c]) - 12);
            slackSum += slack[c];
        }
        const int excess = total - m_width;
        for (qsizetype c = 0; c < n; ++c)
            widths[c] = natural[c] - (slackSum > 0 ? int(qint64(excess) * slack[c] / slackSum) + 1
                                                   : excess / int(n) + 1);
        return widths;
    }

    void drawFooter()
    {
        QFont font(QStringLiteral("DejaVu Sans"), 7);
        m_painter.setFont(font);
        m_painter.setPen(Qt::darkGray);
        const QRect foot(0, m_height + 8, m_width, FooterHeight - 8);
        m_painter.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
        m_painter.drawText(foot, Qt::AlignRight | Qt::AlignVCenter,
                           MeetingReport::tr("Page %1").arg(m_pages));
    }

    QPdfWriter &m_writer;
    QCPPainter &m_painter;
    QString m_footer;
    int m_width;
    int m_height;
    int m_y = 0;
    int m_pages = 1;
};

QString dateText(qint64 at)
{
    return at ? QDateTime::fromSecsSinceEpoch(at, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"))
              : QString();
}

} // namespace

MeetingReport::MeetingReport(const MeetingBrief &brief, QPageSize::PageSizeId pageSize)
    : m_brief(brief)
    , m_pageSize(pageSize)
{}

QPageSize::PageSizeId MeetingReport::defaultPageSize()
{
    const QLocale::Territory t = QLocale::system().territory();
    return t == QLocale::UnitedStates || t == QLocale::Canada ? QPageSize::Letter : QPageSize::A4;
}

void MeetingReport::write(const QString &filePath)
{
    // Written beside the target and renamed over it: a failed export leaves no half file.
    const QString partial = filePath + QStringLiteral(".part");
    {
        QPdfWriter writer(partial);
        writer.setPageSize(QPageSize(m_pageSize));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(96); // the charts lay out in the same units as on screen
        writer.setTitle(tr("Weekly alignment meeting %1").arg(m_brief.week));
        writer.setCreator(QStringLiteral("Handoff"));
        QCPPainter painter;
        if (!painter.begin(&writer))
            throw Error(tr("cannot be written"), ErrorWhere::inFile(filePath));
        const MeetingBrief &b = m_brief;
        PageFlow flow(writer, painter, tr("Weekly alignment meeting %1").arg(b.week));

        flow.text(tr("Weekly alignment meeting: %1").arg(b.week), 18, true);
        flow.text(tr("Week of %1 to %2 (UTC). Report made %3.")
                      .arg(dateText(b.weekStart), dateText(b.weekStart + isoweek::Length - 1),
                           QDateTime::fromSecsSinceEpoch(b.now, Qt::UTC)
                               .toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                  9, false, Qt::darkGray);
        // Version 0 is the defaults nobody agreed to: the app says so, and so does the paper.
        const QString targets = b.targets.version > 0
                                    ? tr("Agreed targets (version %1, set by %2 on %3)")
                                          .arg(b.targets.version)
                                          .arg(b.targets.setBy, dateText(b.targets.setAt))
                                    : tr("Default targets (none agreed yet)");
        flow.text(tr("%1: SLA %2, at least %3 MQLs a week, accept rate at least %4, marketing "
                     "share of pipeline %5-%6.")
                      .arg(targets, FigureFormat::duration(b.targets.slaMinutes))
                      .arg(b.targets.mqlsPerWeek)
                      .arg(FigureFormat::percent(b.targets.acceptRate),
                           FigureFormat::percent(b.targets.marketingShareLow),
                           FigureFormat::percent(b.targets.marketingShareHigh)),
                  9);
        flow.space(6);
        flow.text(tr("This week against last week and the targets"), 13, true);
        QList<QStringList> metricRows;
        for (const MeetingMetric &m : b.metrics)
            metricRows.append({m.name, m.thisText(), m.lastText(), m.target,
                               !m.met   ? QString()
                               : *m.met ? tr("met")
                                        : tr("missed")});
        flow.table({tr("Figure"), b.inProgress() ? tr("This week (in progress)") : tr("This week"),
                    tr("Last week"), tr("Target"), tr("")},
                   metricRows, {5, 2, 2, 2, 1});

        flow.text(tr("Meeting notes"), 13, true);
        flow.text(
            b.meeting.notes.isEmpty() ? tr("(no notes saved for this week)") : b.meeting.notes, 9);
        if (b.meeting.heldAt)
            flow.text(
                tr("Held %1, saved by %2.").arg(dateText(b.meeting.heldAt), b.meeting.savedBy), 8,
                false, Qt::darkGray);
        flow.text(tr("Action items"), 13, true);
        QList<QStringList> actionRows;
        for (const ActionItem &a : b.meeting.actions)
            actionRows.append({a.text, a.owner, a.due, a.done ? tr("done") : tr("open")});
        flow.table({tr("Action"), tr("Owner"), tr("Due"), tr("Status")}, actionRows, {6, 2, 2, 1},
                   MeetingReport::noActionItems());

        flow.newPage();
        flow.text(tr("Rejected handoffs to discuss (%1)").arg(b.rejected.size()), 13, true);
        QList<QStringList> rejectedRows;
        for (const RejectedHandoff &r : b.rejected)
            rejectedRows.append({r.lead, r.company, r.intent ? tr("hand-raiser") : tr("MQL"),
                                 r.reason.isEmpty() ? tr("(none given)") : r.reason, r.rejectedBy,
                                 dateText(r.rejectedAt)});
        flow.table(
            {tr("Lead"), tr("Company"), tr("Trigger"), tr("Reason"), tr("Rejected by"), tr("On")},
            rejectedRows, {3, 3, 2, 4, 2, 2}, MeetingReport::noRejected());
        flow.text(tr("Scoring-model versions waiting for sign-off"), 13, true);
        QList<QStringList> proposalRows;
        for (const ModelRecord &m : b.proposals)
            proposalRows.append(
                {tr("v%1 %2").arg(m.id).arg(m.name), m.author, m.rationale, dateText(m.createdAt)});
        flow.table({tr("Version"), tr("Author"), tr("Rationale"), tr("Proposed")}, proposalRows,
                   {3, 2, 6, 2}, MeetingReport::noProposals());

        // The charts cover the four weeks up to the meeting's week.
        QCustomPlot plot;
        plot.resize(900, 380);
        flow.newPage();
        flow.text(tr("Figures for %1 to %2")
                      .arg(isoweek::label(b.figures.period.from()),
                           isoweek::label(b.figures.period.lastWeekStart)),
                  13, true);
        for (const ChartData &chart : DashboardCharts::build(b.figures)) {
            flow.ensure(flow.width() * 38 / 100 + 160);
            flow.text(chart.title, 11, true);
            flow.text(chart.summary, 8, false, Qt::darkGray);
            chartplotter::plot(&plot, chart);
            flow.chart(plot, flow.width() * 38 / 100);
            flow.table(chart.headers, chart.rows);
        }
        flow.finish();
        m_pages = flow.pages();
        painter.end();
    }
    QFile::remove(filePath);
    if (!QFile::rename(partial, filePath)) {
        QFile::remove(partial);
        throw Error(tr("cannot be written"), ErrorWhere::inFile(filePath));
    }
}

MeetingReport::Written MeetingReport::exportWeek(Database &db, qint64 weekStart, qint64 now,
                                                 QPageSize::PageSizeId pageSize,
                                                 const QString &filePath)
{
    checkTarget(filePath);
    return writeBrief(gatherWeek(db, weekStart, now), pageSize, filePath);
}

void MeetingReport::checkTarget(const QString &filePath)
{
    if (!QFileInfo(filePath).absoluteDir().exists())
        throw Error(tr("the folder does not exist"), ErrorWhere::inFile(filePath),
                    tr("choose a folder that exists"));
}

MeetingBrief MeetingReport::gatherWeek(Database &db, qint64 weekStart, qint64 now)
{
    AnalyticsEngine engine(db);
    // A past week as it stood at its end (not "in progress"); the current one as it is now.
    const qint64 asOf = std::min(now, weekStart + isoweek::Length);
    return MeetingBrief::gather(db, engine, weekStart, asOf);
}

MeetingReport::Written MeetingReport::writeBrief(const MeetingBrief &brief,
                                                 QPageSize::PageSizeId pageSize,
                                                 const QString &filePath)
{
    MeetingReport report(brief, pageSize);
    report.write(filePath);
    return {brief.week, report.pageCount()};
}

} // namespace handoff
