#include "ui/importdialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "io/importrun.h"
#include "io/targetnames.h"
#include "store/database.h"
#include "store/error.h"
#include "ui/prompter.h"

namespace handoff {

namespace {

constexpr int PreviewRows = 20;
const QColor ProblemCell(0xff, 0xcd, 0xd2);
constexpr int MappingColumnTarget = 2;

QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

ImportDialog::ImportDialog(QString databasePath, QString leadsFile, QString actor,
                           Prompter &prompter, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(std::move(databasePath))
    , m_leadsFile(std::move(leadsFile))
    , m_actor(std::move(actor))
    , m_prompter(prompter)
    , m_tables(new QSplitter(Qt::Vertical, this))
    , m_mapping(makeTable({tr("Column"), tr("First values"), tr("Imports as")},
                          QStringLiteral("mappingTable"), this))
    , m_preview(makeTable({}, QStringLiteral("previewTable"), this))
    , m_activitiesPreview(makeTable({}, QStringLiteral("activitiesPreviewTable"), this))
    , m_activitiesSection(new QWidget(this))
    , m_problems(
          makeTable({tr("File"), tr("Line"), tr("Column"), tr("Value"), tr("Why it was rejected")},
                    QStringLiteral("problemsTable"), this))
    , m_activitiesName(new QLabel(tr("none"), this))
    , m_activitiesStatus(new QLabel(this))
    , m_chooseActivities(new QPushButton(tr("C&hoose…"), this))
    , m_removeActivities(new QPushButton(tr("&Remove"), this))
    , m_summary(new QLabel(this))
    , m_result(new QLabel(this))
    , m_policy(new QButtonGroup(this))
    , m_progress(new QProgressBar(this))
    , m_rate(new QLabel(this))
    , m_check(new QPushButton(tr("&Check the file"), this))
    , m_import(new QPushButton(tr("&Import"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(m_leadsFile).fileName()));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_result->setObjectName(QStringLiteral("importResult"));
    m_check->setObjectName(QStringLiteral("checkButton"));
    m_import->setObjectName(QStringLiteral("importButton"));
    m_summary->setWordWrap(true);
    m_result->setWordWrap(true);
    m_activitiesName->setObjectName(QStringLiteral("activitiesFileName"));
    m_activitiesStatus->setObjectName(QStringLiteral("activitiesStatus"));
    m_activitiesStatus->setWordWrap(true);
    m_activitiesStatus->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_activitiesStatus->setText(tr("Events with dates (an e-mail or id, a type, a date a row) "
                                   "instead of the counts in the leads file."));
    m_chooseActivities->setObjectName(QStringLiteral("chooseActivitiesButton"));
    m_removeActivities->setObjectName(QStringLiteral("removeActivitiesButton"));
    m_removeActivities->setVisible(false);
    m_activitiesPreview->setVisible(false);
    m_summary->setText(
        tr("Check the file to see what the import would do; nothing is written until you import."));

    auto *goodRows = new QRadioButton(tr("Import the good rows and list the rejected ones"), this);
    auto *nothing = new QRadioButton(tr("Import nothing if any row is rejected"), this);
    goodRows->setObjectName(QStringLiteral("goodRowsChoice"));
    nothing->setObjectName(QStringLiteral("allOrNothingChoice"));
    goodRows->setChecked(true);
    m_policy->addButton(goodRows, int(LeadImporter::Policy::GoodRows));
    m_policy->addButton(nothing, int(LeadImporter::Policy::AllOrNothing));

    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_import->setEnabled(false);

    // The optional second file: its name, how it is read, its first rows.
    QWidget *activities = m_activitiesSection;
    auto *activitiesRow = new QHBoxLayout;
    activitiesRow->addWidget(new QLabel(tr("Activities file (optional):"), activities));
    activitiesRow->addWidget(m_activitiesName, 1);
    activitiesRow->addWidget(m_chooseActivities);
    activitiesRow->addWidget(m_removeActivities);
    auto *activitiesLayout = new QVBoxLayout(activities);
    activitiesLayout->setContentsMargins(0, 0, 0, 0);
    activitiesLayout->addLayout(activitiesRow);
    activitiesLayout->addWidget(m_activitiesStatus);
    activitiesLayout->addWidget(m_activitiesPreview, 1);

    m_tables->addWidget(m_mapping);
    m_tables->addWidget(m_preview);
    m_tables->addWidget(activities);
    m_tables->addWidget(m_problems);
    m_tables->setChildrenCollapsible(false);
    fitActivitiesSection();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_check, QDialogButtonBox::ActionRole);
    buttons->addButton(m_import, QDialogButtonBox::AcceptRole);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_rate);
    progressRow->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("How each column is read (change any that is wrong):"), this));
    layout->addWidget(m_tables, 1);
    layout->addWidget(m_summary);
    layout->addWidget(goodRows);
    layout->addWidget(nothing);
    layout->addLayout(progressRow);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(1000, 860);

    connect(m_chooseActivities, &QPushButton::clicked, this, &ImportDialog::chooseActivitiesFile);
    connect(m_removeActivities, &QPushButton::clicked, this, &ImportDialog::removeActivitiesFile);
    connect(m_check, &QPushButton::clicked, this, &ImportDialog::check);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::runImport);
    connect(m_cancel, &QPushButton::clicked, this, [this] { *m_stop = true; });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::load()
{
    Database db(m_databasePath);
    LeadImporter importer(db, m_leadsFile);
    importer.open({});
    m_header = importer.header();
    m_guess = importer.mapping();
    const auto records = importer.preview(PreviewRows);
    QList<QStringList> rows;
    m_previewLines.clear();
    for (const auto &[line, fields] : records) {
        m_previewLines.append(line);
        rows.append(fields);
    }

    m_preview->setColumnCount(int(m_header.size()));
    m_preview->setHorizontalHeaderLabels(m_header);
    m_preview->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        for (int c = 0; c < int(m_header.size()); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(rows[r].value(c)));
    }
    m_preview->resizeColumnsToContents();
    buildMappingTable();
    for (int c = 0; c < int(m_header.size()); ++c) {
        QStringList samples;
        for (int r = 0; r < std::min(3, int(rows.size())); ++r)
            samples.append(rows[r].value(c));
        m_mapping->setItem(c, 1, new QTableWidgetItem(samples.join(QStringLiteral(" · "))));
    }
    m_mapping->resizeColumnsToContents();
    if (importer.mappingWasSaved())
        m_summary->setText(tr("This file's columns are read as last time. Check the file to see "
                              "what the import would do."));
}

void ImportDialog::buildMappingTable()
{
    // Every target a column may have: nothing, each lead field, each activity count, the
    // dates and kinds of activity, the stages, or a custom field named after the column.
    m_choices = TargetNames::choices();

    m_mapping->setRowCount(int(m_header.size()));
    for (int c = 0; c < int(m_header.size()); ++c) {
        m_mapping->setItem(c, 0, new QTableWidgetItem(m_header[c]));
        auto *combo = new QComboBox(m_mapping);
        for (const ColumnTarget &t : std::as_const(m_choices))
            combo->addItem(t.describe());
        combo->addItem(ColumnTarget{ColumnTarget::Kind::CustomField, m_header[c]}.describe());
        const ColumnTarget guessed = m_guess.columns.value(c);
        const qsizetype known = m_choices.indexOf(guessed);
        combo->setCurrentIndex(known >= 0 ? int(known) : int(m_choices.size()));
        m_mapping->setCellWidget(c, MappingColumnTarget, combo);
        connect(combo, &QComboBox::currentIndexChanged, this,
                [this] { m_import->setEnabled(false); });
    }
}

void ImportDialog::chooseActivitiesFile()
{
    const auto path = m_prompter.askOpenFile(this, tr("Activities file to import with the leads"),
                                             tr("CSV files (*.csv *.txt);;All files (*)"));
    if (path)
        setActivitiesFile(*path); // a problem is shown in the dialog
}

bool ImportDialog::setActivitiesFile(const QString &path)
{
    removeActivitiesFile();
    std::optional<LeadImporter::ActivitiesPreview> preview;
    try {
        Database db(m_databasePath);
        preview = LeadImporter(db, m_leadsFile, path).previewActivities(PreviewRows);
    } catch (const Error &e) {
        m_activitiesStatus->setText(tr("Not used: %1").arg(e.message()));
        return false;
    }
    m_activitiesFile = path;
    m_activitiesName->setText(QFileInfo(path).fileName());
    m_activitiesName->setToolTip(path);
    m_removeActivities->setVisible(true);
    showActivities(*preview);
    return true;
}

void ImportDialog::showActivities(const LeadImporter::ActivitiesPreview &preview)
{
    m_activitiesHeader = preview.header;
    m_activitiesLines.clear();
    m_activitiesPreview->clear();
    m_activitiesPreview->setColumnCount(int(preview.header.size()));
    m_activitiesPreview->setHorizontalHeaderLabels(preview.header);
    m_activitiesPreview->setRowCount(int(preview.rows.size()));
    for (int r = 0; r < int(preview.rows.size()); ++r) {
        const auto &[line, fields] = preview.rows[r];
        m_activitiesLines.append(line);
        for (int c = 0; c < int(preview.header.size()); ++c)
            m_activitiesPreview->setItem(r, c, new QTableWidgetItem(fields.value(c)));
    }
    m_activitiesPreview->resizeColumnsToContents();
    m_activitiesPreview->setVisible(true);
    fitActivitiesSection();
    QString status = tr("Read as: %1.").arg(preview.columns);
    if (mapping().has(ColumnTarget::Kind::ActivityCount))
        status += QLatin1Char(' ') + tr("These events take the place of the activity counts in "
                                        "the leads file.");
    if (!preview.problems.isEmpty())
        status += QLatin1Char(' ') + tr("%n of the first rows cannot be imported (marked).",
                                        nullptr, int(preview.problems.size()));
    m_activitiesStatus->setText(status);
    markCells(m_activitiesPreview, QFileInfo(m_activitiesFile).fileName(), m_activitiesHeader,
              m_activitiesLines, preview.problems);
    // The leads file's counts give way to the dated events: check again before importing.
    m_import->setEnabled(false);
}

void ImportDialog::removeActivitiesFile()
{
    if (m_activitiesFile.isEmpty())
        return;
    m_activitiesFile.clear();
    m_activitiesHeader.clear();
    m_activitiesLines.clear();
    m_activitiesName->setText(tr("none"));
    m_activitiesName->setToolTip({});
    m_activitiesStatus->clear();
    m_activitiesPreview->setVisible(false);
    m_removeActivities->setVisible(false);
    fitActivitiesSection();
    m_import->setEnabled(false);
}

void ImportDialog::fitActivitiesSection()
{
    if (m_activitiesFile.isEmpty()) {
        m_activitiesSection->setMaximumHeight(m_activitiesSection->sizeHint().height());
        return;
    }
    m_activitiesSection->setMaximumHeight(QWIDGETSIZE_MAX);
    // Room for the second preview: a third of the tables' height.
    const int height = m_tables->height();
    m_tables->setSizes({height * 2 / 9, height * 2 / 9, height * 3 / 9, height * 2 / 9});
}

ColumnMapping ImportDialog::mapping() const
{
    ColumnMapping mapping;
    mapping.preset = m_guess.preset;
    mapping.labels = m_header;
    for (int c = 0; c < int(m_header.size()); ++c) {
        const auto *combo =
            qobject_cast<QComboBox *>(m_mapping->cellWidget(c, MappingColumnTarget));
        const int index = combo ? combo->currentIndex() : 0;
        mapping.columns.append(index < int(m_choices.size())
                                   ? m_choices[index]
                                   : ColumnTarget{ColumnTarget::Kind::CustomField, m_header[c]});
    }
    return mapping;
}

QString ImportDialog::summaryText() const
{
    return m_summary->text();
}

QString ImportDialog::resultText() const
{
    return m_result->text();
}

void ImportDialog::reject()
{
    if (m_job.isRunning()) {
        m_closeWhenDone = true;
        *m_stop = true;
        m_result->setText(tr("Stopping the import…"));
        return;
    }
    QDialog::reject();
}

void ImportDialog::check()
{
    start(true);
}

void ImportDialog::runImport()
{
    start(false);
}

void ImportDialog::start(bool dryRun)
{
    m_lastWasDryRun = dryRun;
    const ImportRun::Request request{m_databasePath,   m_leadsFile,
                                     m_activitiesFile, mapping(),
                                     dryRun,           LeadImporter::Policy(m_policy->checkedId()),
                                     m_actor};
    // Stop (Cancel, or closing) rolls the import back and still reports its summary; the
    // task itself is cancelled only when the dialog goes.
    m_stop = std::make_shared<std::atomic<bool>>(false);
    background::Options options;
    options.progress = [this](int percent) { m_progress->setValue(percent); };
    options.progressText = [this](const QString &pace) { m_rate->setText(pace); };
    setBusy(true);
    m_job = background::run(
        this,
        [request, stop = m_stop](const background::Control &control) {
            return ImportRun::execute(request, QDateTime::currentSecsSinceEpoch(),
                                      [&](const ImportPace &pace) {
                                          control.progress(int(pace.fraction() * 100));
                                          control.describe(pace.text());
                                          return !stop->load();
                                      });
        },
        [this](const background::Outcome<ImportSummary> &outcome) {
            if (outcome.value)
                finish(*outcome.value);
            else
                fail(outcome.error);
        },
        options);
}

void ImportDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_progress->setValue(0);
    m_cancel->setVisible(busy);
    m_rate->clear();
    m_check->setEnabled(!busy);
    m_import->setEnabled(false);
    m_mapping->setEnabled(!busy);
    m_chooseActivities->setEnabled(!busy);
    m_removeActivities->setEnabled(!busy);
}

void ImportDialog::finish(const ImportSummary &s)
{
    setBusy(false);
    if (s.batchId)
        emit imported(*s.batchId); // written, whatever happens to the dialog now
    if (m_closeWhenDone) {
        QDialog::reject();
        return;
    }
    const QString counts = s.countsText() + QLatin1Char('.');
    markProblems(s);
    if (s.cancelled) {
        m_result->setText(tr("Cancelled: nothing was written."));
        return;
    }
    if (m_lastWasDryRun) {
        m_summary->setText(tr("If you import: %1").arg(counts));
        m_import->setEnabled(true);
        return;
    }
    if (!s.batchId && s.rejected == 0 && s.changesNothing()) {
        m_result->setText(tr("Nothing to import: the file holds nothing the database does not "
                             "have. %1")
                              .arg(counts));
        return;
    }
    if (!s.batchId) {
        m_result->setText(
            tr("Nothing was imported: %L1 rows were rejected. %2").arg(s.rejected).arg(counts));
        return;
    }
    m_result->setText(tr("Imported as batch %1: %2").arg(*s.batchId).arg(counts));
}

void ImportDialog::fail(const QString &message)
{
    setBusy(false);
    if (m_closeWhenDone) {
        QDialog::reject();
        return;
    }
    m_result->setText(tr("The import failed and nothing was written: %1").arg(message));
}

void ImportDialog::markProblems(const ImportSummary &s)
{
    m_problems->setRowCount(int(s.problems.size()));
    for (int r = 0; r < int(s.problems.size()); ++r) {
        const ImportProblem &p = s.problems[r];
        m_problems->setItem(r, 0, new QTableWidgetItem(p.file));
        m_problems->setItem(r, 1, new QTableWidgetItem(QString::number(p.line)));
        m_problems->setItem(r, 2, new QTableWidgetItem(p.column));
        m_problems->setItem(r, 3, new QTableWidgetItem(p.value));
        m_problems->setItem(r, 4, new QTableWidgetItem(p.reason));
    }
    m_problems->resizeColumnsToContents();
    markCells(m_preview, QFileInfo(m_leadsFile).fileName(), m_header, m_previewLines, s.problems);
    if (!m_activitiesFile.isEmpty())
        markCells(m_activitiesPreview, QFileInfo(m_activitiesFile).fileName(), m_activitiesHeader,
                  m_activitiesLines, s.problems);
}

void ImportDialog::markCells(QTableWidget *table, const QString &file, const QStringList &header,
                             const QList<qint64> &lines, const QList<ImportProblem> &problems)
{
    // Marks from an earlier check go first.
    for (int r = 0; r < table->rowCount(); ++r) {
        for (int c = 0; c < table->columnCount(); ++c) {
            if (QTableWidgetItem *cell = table->item(r, c)) {
                cell->setBackground({});
                cell->setToolTip({});
            }
        }
    }
    for (const ImportProblem &p : problems) {
        if (p.file != file)
            continue; // the other file's line numbers
        const int row = int(lines.indexOf(p.line));
        const int column = int(header.indexOf(p.column));
        if (row < 0 || column < 0)
            continue;
        if (QTableWidgetItem *cell = table->item(row, column)) {
            cell->setBackground(ProblemCell);
            cell->setToolTip(p.reason);
        }
    }
}

} // namespace handoff
