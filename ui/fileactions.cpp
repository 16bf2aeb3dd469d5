#include "ui/fileactions.h"

#include <QAction>
#include <QDate>
#include <QJsonDocument>
#include <QSaveFile>

#include "io/csvwriter.h"
#include "io/handoffpackage.h"
#include "queues/console.h"
#include "store/error.h"
#include "ui/importdialog.h"
#include "ui/prompter.h"

namespace handoff {

FileActions::FileActions(
    Console &console, Prompter &prompter, QWidget *window,
    std::function<std::pair<const QAbstractItemModel *, QString>()> currentQueue)
    : QObject(window)
    , m_console(console)
    , m_prompter(prompter)
    , m_window(window)
    , m_currentQueue(std::move(currentQueue))
    , m_import(new QAction(tr("&Import leads…"), this))
    , m_exportQueue(new QAction(tr("&Export queue as CSV…"), this))
    , m_exportPackage(new QAction(tr("Export &handoff package…"), this))
{
    m_import->setObjectName(QStringLiteral("importAction"));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_exportQueue->setObjectName(QStringLiteral("exportQueueAction"));
    m_exportQueue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportPackage->setObjectName(QStringLiteral("exportPackageAction"));
    m_exportPackage->setEnabled(false);
    connect(m_import, &QAction::triggered, this, [this] {
        if (const auto path = m_prompter.askOpenFile(m_window, tr("Import leads"),
                                                     tr("CSV files (*.csv *.txt);;All files (*)")))
            importFile(*path);
    });
    connect(m_exportQueue, &QAction::triggered, this, &FileActions::exportQueue);
    connect(m_exportPackage, &QAction::triggered, this, &FileActions::exportPackage);
}

void FileActions::setCurrentLead(qint64 leadId)
{
    m_leadId = leadId;
    m_exportPackage->setEnabled(leadId != 0);
}

void FileActions::importFile(const QString &path)
{
    ImportDialog dialog(m_console.database().location(), path, m_console.profile().name, m_prompter,
                        m_window);
    try {
        dialog.load();
    } catch (const Error &e) {
        m_prompter.showError(m_window, e.message());
        return;
    }
    connect(&dialog, &ImportDialog::imported, this, [this](qint64 batch) {
        m_console.poll(true); // the new leads and activities reach the queues now
        emit done(tr("Imported as batch %1").arg(batch));
    });
    dialog.exec();
}

void FileActions::exportQueue()
{
    const auto [model, name] = m_currentQueue();
    const auto choice = m_prompter.askSaveFile(
        m_window, tr("Export %1").arg(name),
        QStringLiteral("%1-%2.csv").arg(name, QDate::currentDate().toString(Qt::ISODate)), false);
    if (!choice || !model)
        return;
    try {
        CsvWriter::writeModel(*model, choice->path, {choice->byteOrderMark});
    } catch (const Error &e) {
        m_prompter.showError(m_window, e.message());
        return;
    }
    emit done(tr("%1 rows written to %2").arg(model->rowCount()).arg(choice->path));
}

void FileActions::exportPackage()
{
    const auto lead = m_leadId ? m_console.lead(m_leadId) : std::nullopt;
    if (!lead)
        return;
    const auto choice = m_prompter.askSaveFile(
        m_window, tr("Export the handoff package of %1").arg(lead->displayName()),
        QStringLiteral("lead-%1.json").arg(lead->id), true);
    if (!choice)
        return;
    const HandoffPackage package{*lead, m_console.explain(lead->id), m_console.activities(lead->id),
                                 m_console.stageHistory(lead->id),
                                 m_console.qualification(lead->id)};
    try {
        if (choice->path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
            // Saved whole or not at all: a full disk leaves the old file in place.
            QSaveFile file(choice->path);
            const QByteArray json =
                QJsonDocument(package.toJson(m_console.engine().catalogue())).toJson();
            if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() ||
                !file.commit())
                throw Error(tr("cannot be written: %1").arg(file.errorString()),
                            ErrorWhere::inFile(choice->path));
        } else {
            package.writeCsv(choice->path, m_console.engine().catalogue(), {choice->byteOrderMark});
        }
    } catch (const Error &e) {
        m_prompter.showError(m_window, e.message());
        return;
    }
    emit done(tr("Handoff package written to %1").arg(choice->path));
}

} // namespace handoff
