#pragma once

// The printed weekly meeting report: a PDF of several pages laid out for A4 or Letter. The
// first page has the week's figures against last week and the targets, the notes and the
// action items; then the rejected handoffs to discuss and the model versions waiting for
// sign-off; then every dashboard chart with its data table. File > Export meeting report
// and `handoff report` both write it through this class (it needs a QApplication: the
// charts are QCustomPlot widgets drawn into the PDF as vectors).

#include <QCoreApplication>
#include <QPageSize>
#include <QString>

#include "analytics/meetingbrief.h"

namespace handoff {

class Database;

class MeetingReport
{
    Q_DECLARE_TR_FUNCTIONS(MeetingReport)

public:
    MeetingReport(const MeetingBrief &brief, QPageSize::PageSizeId pageSize);

    // Writes the PDF; throws Error naming the file when it cannot be written, and then no
    // half file stays.
    void write(const QString &filePath);
    int pageCount() const { return m_pages; }

    // What stands in place of an empty table, here and in the meeting view alike.
    static QString noActionItems() { return tr("No action items recorded."); }
    static QString noRejected() { return tr("No handoffs were rejected this week."); }
    static QString noProposals()
    {
        return tr("No sign-offs yet: no model version is waiting for one.");
    }

    // Letter where the locale measures in inches (the US and Canada), A4 elsewhere.
    static QPageSize::PageSizeId defaultPageSize();

    struct Written
    {
        QString week; // "2026-W47"
        int pages = 0;
    };
    // Throws Error when `filePath` cannot be a report's file (its folder is missing): asked
    // before the figures are gathered, not after.
    static void checkTarget(const QString &filePath);
    // The week starting at `weekStart` as its report shows it: a past week as it stood at its
    // end, the current one as it stands at `now`. Reads only: fit for a background task with
    // a connection of its own. Throws Error.
    static MeetingBrief gatherWeek(Database &db, qint64 weekStart, qint64 now);
    // Writes the report of `brief` (on the GUI thread: the charts are widgets). Throws Error.
    static Written writeBrief(const MeetingBrief &brief, QPageSize::PageSizeId pageSize,
                              const QString &filePath);
    // The three in a row, for the command line.
    static Written exportWeek(Database &db, qint64 weekStart, qint64 now,
                              QPageSize::PageSizeId pageSize, const QString &filePath);

private:
    const MeetingBrief &m_brief;
    QPageSize::PageSizeId m_pageSize;
    int m_pages = 0;
};

} // namespace handoff
