#include "ui/meetingview.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include "analytics/dashboardsource.h"
#include "analytics/isoweek.h"
#include "analytics/targetrules.h"
#include "store/database.h"
#include "store/error.h"
#include "ui/meetingreport.h"
#include "ui/prompter.h"
#include "ui/reportexportdialog.h"

namespace handoff {

namespace {
constexpr int WeeksOffered = 52;
enum ActionColumn { Text, Owner, Due, Done };

QTableWidget *table(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    return t;
}

QTableWidgetItem *cell(const QString &text)
{
    return new QTableWidgetItem(text);
}

QString dateTime(qint64 at)
{
    return QDateTime::fromSecsSinceEpoch(at).toString(QStringLiteral("ddd yyyy-MM-dd HH:mm"));
}

// Due dates are picked from a calendar and kept as ISO dates (2026-11-27).
class DueDateDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *editor = new QDateEdit(parent);
        editor->setObjectName(QStringLiteral("dueEditor"));
        editor->setCalendarPopup(true);
        editor->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        return editor;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        const QDate due = QDate::fromString(index.data().toString(), Qt::ISODate);
        static_cast<QDateEdit *>(editor)->setDate(due.isValid() ? due
                                                                : QDate::currentDate().addDays(7));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QDateEdit *>(editor)->date().toString(Qt::ISODate));
    }
};

// `table`, or `empty` in its place while it has no rows: a header row over nothing reads as
// a fault on screen (the printed report says the same words). The line is named after the
// table with "Empty" appended. Hidden, not stacked: the one shown gives the size wanted, so
// a box with only the line stays small.
QWidget *orEmptyText(QTableWidget *table, const QString &empty, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *label = new QLabel(empty, box);
    label->setObjectName(table->objectName() + QStringLiteral("Empty"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table, 1);
    layout->addWidget(label);
    layout->addStretch(0);
    const auto follow = [table, label] {
        table->setVisible(table->rowCount() > 0);
        label->setVisible(table->rowCount() == 0);
    };
    QAbstractItemModel *model = table->model();
    QObject::connect(model, &QAbstractItemModel::rowsInserted, box, follow);
    // Not modelReset: the table's model sends that as it dies, after the box is gone.
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, box, follow);
    follow();
    return box;
}

QGroupBox *group(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}
} // namespace

MeetingView::MeetingView(Database &db, Prompter &prompter, QString user, qint64 now,
                         QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_prompter(prompter)
    , m_user(std::move(user))
    , m_now(now)
    , m_week(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_targetsLabel(new QLabel(this))
    , m_figures(
          table({tr("Figure"), tr("This week"), tr("Last week"), tr("Target"), tr("On target?")},
                QStringLiteral("figures"), this))
    , m_rejected(table({tr("Lead"), tr("Company"), tr("Rejected by"), tr("When"), tr("Reason")},
                       QStringLiteral("rejected"), this))
    , m_proposals(table({tr("Version"), tr("Name"), tr("Author"), tr("Proposed"), tr("Signed off")},
                        QStringLiteral("proposals"), this))
    , m_notes(new QPlainTextEdit(this))
    , m_actions(table({tr("Action item"), tr("Owner"), tr("Due"), tr("Done")},
                      QStringLiteral("actions"), this))
    , m_computing(new QLabel(tr("Computing the figures…"), this))
    , m_figuresSource(std::make_shared<DashboardSource>(db.location()))
{
    m_computing->setObjectName(QStringLiteral("figuresComputing"));
    m_computing->setForegroundRole(QPalette::PlaceholderText);
    m_computing->hide();
    setWindowTitle(tr("Weekly meeting[*]"));
    m_week->setObjectName(QStringLiteral("week"));
    const qint64 thisWeek = isoweek::startOf(now);
    for (int i = 0; i < WeeksOffered; ++i) {
        const qint64 start = thisWeek - i * isoweek::Length;
        m_week->addItem(i == 0   ? tr("%1 (this week)").arg(isoweek::label(start))
                        : i == 1 ? tr("%1 (last week)").arg(isoweek::label(start))
                                 : isoweek::label(start),
                        start);
    }
    connect(m_week, &QComboBox::activated, this,
            [this](int index) { showWeek(m_week->itemData(index).toLongLong()); });
    auto *editTargets = new QPushButton(tr("Edit &targets…"), this);
    editTargets->setObjectName(QStringLiteral("editTargets"));
    connect(editTargets, &QPushButton::clicked, this, &MeetingView::editTargets);
    auto *saveButton = new QPushButton(tr("&Save"), this);
    saveButton->setObjectName(QStringLiteral("save"));
    connect(saveButton, &QPushButton::clicked, this, &MeetingView::save);
    auto *saveAction = new QAction(tr("Save meeting"), this);
    saveAction->setShortcut(QKeySequence::Save);
    // The view may sit inside the main window: Ctrl+S saves the meeting only when it has focus.
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(saveAction, &QAction::triggered, this, &MeetingView::save);
    addAction(saveAction);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Week:"), this));
    bar->addWidget(m_week);
    bar->addWidget(editTargets);
    bar->addWidget(m_targetsLabel, 1);
    bar->addWidget(m_status, 1);
    bar->addWidget(saveButton);
    // The report carries the notes: save first, then print the shown week.
    auto *exportButton = new QPushButton(tr("E&xport report…"), this);
    exportButton->setObjectName(QStringLiteral("exportReport"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        if (m_modified && !save())
            return;
        ReportExportDialog dialog(
            m_db.location(), [this] { return m_now; }, m_prompter, this);
        dialog.setWeek(weekStart());
        if (dialog.exec() == QDialog::Accepted)
            setStatus(dialog.message()); // where it went, and how many pages
    });
    bar->addWidget(exportButton);

    // The figures are a short fixed list: their box is as tall as they are, and the room
    // left goes to the rejected handoffs, which can be many.
    m_figures->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_figures->setMinimumHeight(120);
    m_proposals->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setPlaceholderText(tr("What was discussed and agreed"));
    m_actions->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_actions->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_actions->horizontalHeader()->setStretchLastSection(false);
    m_actions->horizontalHeader()->setSectionResizeMode(Text, QHeaderView::Stretch);
    m_actions->setItemDelegateForColumn(Due, new DueDateDelegate(m_actions));
    // A long message (the path a report went to) must not widen the window past the screen:
    // the label takes the room there is and wraps; the tooltip has all of it.
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setObjectName(QStringLiteral("meetingStatus"));
    auto *addItem = new QPushButton(tr("&Add item"), this);
    addItem->setObjectName(QStringLiteral("addAction"));
    connect(addItem, &QPushButton::clicked, this, [this] {
        addActionRow({});
        setModified(true);
        // Straight into typing the new item's text.
        const int row = m_actions->rowCount() - 1;
        m_actions->setFocus();
        m_actions->setCurrentCell(row, Text);
        m_actions->scrollToItem(m_actions->item(row, Text));
        m_actions->editItem(m_actions->item(row, Text));
    });
    auto *removeItem = new QPushButton(tr("&Remove item"), this);
    connect(removeItem, &QPushButton::clicked, this, [this] {
        if (m_actions->currentRow() >= 0) {
            m_actions->removeRow(m_actions->currentRow());
            setModified(true);
        }
    });
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] { setModified(true); });
    connect(m_actions, &QTableWidget::itemChanged, this, [this] { setModified(true); });

    auto *actionsBox = new QWidget(this);
    auto *actionsLayout = new QVBoxLayout(actionsBox);
    actionsLayout->setContentsMargins(0, 0, 0, 0);
    actionsLayout->addWidget(orEmptyText(m_actions, MeetingReport::noActionItems(), this), 1);
    auto *actionButtons = new QHBoxLayout;
    actionButtons->addWidget(addItem);
    actionButtons->addWidget(removeItem);
    actionButtons->addStretch(1);
    actionsLayout->addLayout(actionButtons);

    auto *left = new QSplitter(Qt::Vertical, this);
    auto *figuresBox = new QWidget(this);
    auto *figuresLayout = new QVBoxLayout(figuresBox);
    figuresLayout->setContentsMargins(0, 0, 0, 0);
    figuresLayout->addWidget(m_computing);
    figuresLayout->addWidget(m_figures, 1);
    left->addWidget(group(tr("Figures"), figuresBox, this));
    left->addWidget(group(tr("Rejected handoffs"),
                          orEmptyText(m_rejected, MeetingReport::noRejected(), this), this));
    left->addWidget(group(tr("Model versions waiting for sign-off"),
                          orEmptyText(m_proposals, MeetingReport::noProposals(), this), this));
    left->setStretchFactor(0, 0);
    left->setStretchFactor(1, 1);
    left->setStretchFactor(2, 0);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(group(tr("Notes"), m_notes, this));
    right->addWidget(group(tr("Action items"), actionsBox, this));
    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->addWidget(left);
    columns->addWidget(right);
    columns->setStretchFactor(0, 3);
    columns->setStretchFactor(1, 2);
    // Three fifths to the figures and handoffs, whatever width their tables ask for.
    columns->setSizes({3000, 2000});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(columns, 1);
    showWeek(thisWeek);
}

MeetingView::~MeetingView()
{
    m_figuresTask.cancelAndWait();
    m_lane.finish([source = std::move(m_figuresSource)]() mutable { source.reset(); });
}

bool MeetingView::showWeek(qint64 weekStart)
{
    if (m_modified && !save()) {
        m_week->setCurrentIndex(m_week->findData(m_brief.weekStart));
        return false;
    }
    m_brief.weekStart = weekStart;
    m_week->setCurrentIndex(m_week->findData(weekStart));
    reload(true);
    return true;
}

void MeetingView::reload(bool withMeeting)
{
    // The records are a few small reads; the figures come from the lane (computeFigures).
    try {
        const MeetingRecord shown = m_brief.meeting;
        m_brief = MeetingBrief::gatherRecords(m_db, m_brief.weekStart, m_now);
        if (!withMeeting)
            m_brief.meeting = shown;
    } catch (const Error &e) {
        setStatus(e.message());
        return;
    }
    m_targetsLabel->setText(m_brief.targets.version > 0
                                ? tr("Targets version %1, set by %2 on %3")
                                      .arg(m_brief.targets.version)
                                      .arg(m_brief.targets.setBy, dateTime(m_brief.targets.setAt))
                                : tr("Default targets (none agreed yet)"));
    computeFigures();
    showRejected();
    showProposals();
    if (withMeeting)
        showMeeting();
}

void MeetingView::computeFigures()
{
    m_figures->setRowCount(0);
    m_figures->setEnabled(false);
    m_computing->show();
    if (m_figuresTask.isRunning()) {
        m_again = true; // the lane is busy with figures no longer wanted
        return;
    }
    const qint64 weekStart = m_brief.weekStart;
    const MeetingTargets targets = m_brief.targets;
    const qint64 now = m_now;
    background::Options options;
    options.pool = m_lane.pool();
    m_figuresTask = background::run(
        this,
        [source = m_figuresSource, weekStart, targets, now](const background::Control &control) {
            if (control.cancelled()) // the view closing before it began
                return MeetingFigures{};
            return source->week(weekStart, targets, now);
        },
        [this](const background::Outcome<MeetingFigures> &outcome) {
            if (std::exchange(m_again, false)) {
                computeFigures();
                return;
            }
            m_computing->hide();
            m_figures->setEnabled(true);
            if (!outcome.value) {
                setStatus(outcome.error);
                return;
            }
            m_brief.setFigures(*outcome.value);
            showFigures();
            emit figuresShown();
        },
        options);
}

void MeetingView::showFigures()
{
    // A week not over yet is marked: its figures are still coming in.
    m_figures->horizontalHeaderItem(1)->setText(m_brief.inProgress() ? tr("This week (in progress)")
                                                                     : tr("This week"));
    m_figures->setRowCount(0);
    for (const MeetingMetric &m : m_brief.metrics) {
        const int row = m_figures->rowCount();
        m_figures->insertRow(row);
        m_figures->setItem(row, 0, cell(m.name));
        m_figures->setItem(row, 1, cell(m.thisText()));
        m_figures->setItem(row, 2, cell(m.lastText()));
        m_figures->setItem(row, 3, cell(m.target));
        auto *met = cell(!m.met ? QString() : *m.met ? tr("Yes") : tr("No"));
        if (m.met)
            met->setBackground(*m.met ? QColor(0xd7, 0xf0, 0xd9) : QColor(0xf8, 0xd7, 0xd7));
        m_figures->setItem(row, 4, met);
        for (int c = 1; c <= 2; ++c)
            m_figures->item(row, c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    m_figures->resizeColumnsToContents();
}

void MeetingView::showRejected()
{
    m_rejected->setRowCount(0);
    for (const RejectedHandoff &r : m_brief.rejected) {
        const int row = m_rejected->rowCount();
        m_rejected->insertRow(row);
        m_rejected->setItem(row, 0, cell(r.lead));
        m_rejected->setItem(row, 1, cell(r.company));
        m_rejected->setItem(row, 2, cell(r.rejectedBy));
        m_rejected->setItem(row, 3, cell(dateTime(r.rejectedAt)));
        m_rejected->setItem(row, 4, cell(r.reason));
        m_rejected->item(row, 4)->setToolTip(r.reason);
    }
    m_rejected->resizeColumnsToContents();
}

void MeetingView::showProposals()
{
    m_proposals->setRowCount(0);
    for (const ModelRecord &m : std::as_const(m_brief.proposals)) {
        QStringList signedOff;
        for (const ModelSignOff &s : m_brief.signOffs.value(m.id))
            signedOff << tr("%1 (%2)").arg(ModelRepository::sideName(s.side), s.signedBy);
        const int row = m_proposals->rowCount();
        m_proposals->insertRow(row);
        m_proposals->setItem(row, 0, cell(tr("v%1").arg(m.id)));
        m_proposals->setItem(row, 1, cell(m.name));
        m_proposals->setItem(row, 2, cell(m.author));
        m_proposals->setItem(row, 3, cell(dateTime(m.createdAt)));
        m_proposals->setItem(row, 4,
                             cell(signedOff.isEmpty() ? tr("nobody yet") : signedOff.join(u", ")));
        m_proposals->item(row, 1)->setToolTip(m.rationale);
    }
    m_proposals->resizeColumnsToContents();
}

void MeetingView::showMeeting()
{
    m_loading = true;
    m_notes->setPlainText(m_brief.meeting.notes);
    m_actions->setRowCount(0);
    for (const ActionItem &item : std::as_const(m_brief.meeting.actions))
        addActionRow(item);
    m_loading = false;
    setModified(false);
    setStatus(m_brief.meeting.savedAt > 0
                  ? tr("Saved by %1 on %2")
                        .arg(m_brief.meeting.savedBy, dateTime(m_brief.meeting.savedAt))
                  : tr("No meeting saved for this week"));
}

void MeetingView::addActionRow(const ActionItem &item)
{
    const bool wasLoading = std::exchange(m_loading, true);
    const int row = m_actions->rowCount();
    m_actions->insertRow(row);
    m_actions->setItem(row, Text, cell(item.text));
    m_actions->setItem(row, Owner, cell(item.owner));
    m_actions->setItem(row, Due, cell(item.due));
    auto *done = cell(QString());
    done->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    done->setCheckState(item.done ? Qt::Checked : Qt::Unchecked);
    m_actions->setItem(row, Done, done);
    m_loading = wasLoading;
}

void MeetingView::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setToolTip(text);
}

void MeetingView::setModified(bool modified)
{
    if (m_loading)
        return;
    m_modified = modified;
    setWindowModified(modified);
}

bool MeetingView::save()
{
    MeetingRecord record = m_brief.meeting;
    record.week = m_brief.week;
    record.notes = m_notes->toPlainText();
    record.actions.clear();
    for (int row = 0; row < m_actions->rowCount(); ++row) {
        ActionItem item;
        item.text = m_actions->item(row, Text)->text().trimmed();
        item.owner = m_actions->item(row, Owner)->text().trimmed();
        item.due = m_actions->item(row, Due)->text().trimmed();
        item.done = m_actions->item(row, Done)->checkState() == Qt::Checked;
        if (item == ActionItem{})
            continue; // a row added and left blank
        if (!item.due.isEmpty() && !QDate::fromString(item.due, Qt::ISODate).isValid()) {
            setStatus(tr("Not saved: the due date of \"%1\" is not a date (yyyy-MM-dd).")
                          .arg(item.text.isEmpty() ? item.due : item.text));
            return false;
        }
        record.actions.append(item);
    }
    const qint64 at = QDateTime::currentSecsSinceEpoch();
    if (record.heldAt == 0)
        record.heldAt = at; // the date the meeting was first saved is the date it was held
    record.savedBy = m_user;
    record.savedAt = at;
    try {
        record.id = MeetingBrief::saveMeeting(m_db, record);
    } catch (const Error &e) {
        setStatus(tr("Not saved: %1").arg(e.message()));
        return false;
    }
    m_brief.meeting = record;
    setModified(false);
    setStatus(tr("Saved by %1 on %2").arg(m_user, dateTime(at)));
    emit saved();
    return true;
}

void MeetingView::editTargets()
{
    const auto targets =
        m_prompter.askTargets(this, m_brief.targets, targetrules::history(m_db.connection()));
    if (!targets)
        return;
    try {
        targetrules::agree(m_db.connection(), *targets, m_user, QDateTime::currentSecsSinceEpoch());
    } catch (const Error &e) {
        m_prompter.showError(this, tr("The targets were not saved: %1").arg(e.message()));
        return;
    }
    // The notes being typed stay as they are: only the figures are read again.
    reload(false);
}

void MeetingView::closeEvent(QCloseEvent *event)
{
    if (m_modified && !save()) {
        if (!m_prompter.askConfirm(
                this, tr("Meeting notes"),
                tr("The notes could not be saved: %1\nClose anyway?").arg(m_status->text()))) {
            event->ignore();
            return;
        }
    }
    event->accept();
}

} // namespace handoff
