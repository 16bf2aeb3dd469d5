#include "ui/reportexportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "analytics/isoweek.h"
#include "analytics/meetingbrief.h"
#include "store/database.h"
#include "store/error.h"
#include "ui/meetingreport.h"
#include "ui/prompter.h"

namespace handoff {

ReportExportDialog::ReportExportDialog(QString databasePath, Clock clock, Prompter &prompter,
                                       QWidget *parent)
    : QDialog(parent)
    , m_databasePath(std::move(databasePath))
    , m_clock(std::move(clock))
    , m_prompter(prompter)
    , m_week(new QComboBox(this))
    , m_page(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Export meeting report"));
    const qint64 thisWeek = isoweek::startOf(m_clock());
    for (int i = 0; i < 52; ++i) {
        const qint64 start = thisWeek - qint64(i) * isoweek::Length;
        QString text = isoweek::label(start);
        if (i == 0)
            text = tr("%1 (this week)").arg(text);
        else if (i == 1)
            text = tr("%1 (last week)").arg(text);
        m_week->addItem(text, start);
    }
    m_week->setObjectName(QStringLiteral("reportWeek"));
    m_page->addItem(tr("A4"), int(QPageSize::A4));
    m_page->addItem(tr("Letter"), int(QPageSize::Letter));
    m_page->setCurrentIndex(m_page->findData(int(MeetingReport::defaultPageSize())));
    m_page->setObjectName(QStringLiteral("reportPage"));
    m_path->setObjectName(QStringLiteral("reportPath"));
    // Room for a whole path, so the file the report goes to can be read before exporting.
    m_path->setMinimumWidth(m_path->fontMetrics().averageCharWidth() * 60);
    m_path->setText(QDir::home().filePath(QStringLiteral("meeting-report.pdf")));
    m_message->setObjectName(QStringLiteral("reportMessage"));
    m_message->setWordWrap(true);

    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_export = buttons->button(QDialogButtonBox::Ok);
    m_export->setText(tr("&Export"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Week:"), m_week);
    form->addRow(tr("&Paper:"), m_page);
    // A row whose field is a layout gets a label without a buddy, which shows the "&"; this
    // one names the path box, so Alt+F goes there.
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setObjectName(QStringLiteral("reportFileLabel"));
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, pathRow);
    form->addRow(m_message);
    form->addRow(buttons);
    connect(browse, &QPushButton::clicked, this, &ReportExportDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReportExportDialog::exportReport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ReportExportDialog::setWeek(qint64 weekStart)
{
    const int index = m_week->findData(weekStart);
    if (index >= 0)
        m_week->setCurrentIndex(index);
}

void ReportExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

QString ReportExportDialog::message() const
{
    return m_message->text();
}

void ReportExportDialog::browse()
{
    if (const auto path = m_prompter.askNewFile(this, tr("Export meeting report"), m_path->text(),
                                                tr("PDF document (*.pdf)")))
        m_path->setText(*path);
}

bool ReportExportDialog::exportReport()
{
    if (isBusy())
        return false;
    QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_message->setText(tr("Say where to write the report."));
        return false;
    }
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        path += QLatin1String(".pdf");
    try {
        MeetingReport::checkTarget(path);
    } catch (const Error &e) {
        m_message->setText(e.message());
        return false;
    }
    setBusy(true);
    m_task = background::run(
        this,
        [databasePath = m_databasePath, week = m_week->currentData().toLongLong(),
         now = m_clock()] {
            Database db(databasePath, Database::Open::ReadOnly); // this thread's own
            return MeetingReport::gatherWeek(db, week, now);
        },
        [this, path](const background::Outcome<MeetingBrief> &outcome) {
            setBusy(false);
            if (!outcome.value) {
                m_message->setText(outcome.error);
                emit finished(false);
                return;
            }
            write(*outcome.value, path);
        });
    return true;
}

void ReportExportDialog::write(const MeetingBrief &brief, const QString &path)
{
    try {
        const auto written = MeetingReport::writeBrief(
            brief, QPageSize::PageSizeId(m_page->currentData().toInt()), path);
        m_message->setText(tr("Wrote the %1 report to %2: %n page(s).", nullptr, written.pages)
                               .arg(written.week, path));
    } catch (const Error &e) {
        m_message->setText(e.message());
        emit finished(false);
        return;
    }
    emit finished(true);
    accept();
}

void ReportExportDialog::setBusy(bool busy)
{
    m_export->setEnabled(!busy);
    m_week->setEnabled(!busy);
    m_page->setEnabled(!busy);
    m_path->setEnabled(!busy);
    if (busy)
        m_message->setText(tr("Gathering the week's figures…"));
}

} // namespace handoff
