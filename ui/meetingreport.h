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

#include "meetingbrief.h"

class MeetingReport
{
    Q_DECLARE_TR_FUNCTIONS(MeetingReport)

public:
    MeetingReport(const MeetingBrief &brief, QPageSize::PageSizeId pageSize);

    // Writes the PDF; false with `error` set when the file cannot be written.
    bool write(const QString &filePath, QString *error);
    int pageCount() const { return m_pages; }

    // Letter where the locale measures in inches (the US and Canada), A4 elsewhere.
    static QPageSize::PageSizeId defaultPageSize();

private:
    const MeetingBrief &m_brief;
    QPageSize::PageSizeId m_pageSize;
    int m_pages = 0;
};
