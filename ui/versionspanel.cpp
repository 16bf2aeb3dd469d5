#include "ui/versionspanel.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "queues/handoverpace.h"
#include "scoring/modeldiff.h"
#include "store/database.h"
#include "store/error.h"
#include "ui/prompter.h"
#include "ui/rowselection.h"

namespace handoff {

namespace {
enum Column {
    Version,
    Status,
    Name,
    Author,
    Created,
    LiveSince,
    Marketing,
    Sales,
    Rationale,
    Count
};

QString when(qint64 secs)
{
    return secs ? QDateTime::fromSecsSinceEpoch(secs).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                : QString();
}
} // namespace

VersionsPanel::VersionsPanel(Database &db, Prompter &prompter, Clock clock, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_prompter(prompter)
    , m_clock(std::move(clock))
    , m_table(new QTableWidget(0, Count, this))
    , m_details(new QLabel(this))
    , m_propose(new QPushButton(tr("&Propose my draft…"), this))
    , m_signOff(new QPushButton(tr("&Sign off"), this))
    , m_goLive(new QPushButton(tr("Take &live"), this))
    , m_withdraw(new QPushButton(tr("&Withdraw"), this))
    , m_newDraft(new QPushButton(tr("Edit as &new draft"), this))
    , m_compare(new QPushButton(tr("&Compare…"), this))
{
    m_table->setObjectName(QStringLiteral("versionsTable"));
    m_table->setHorizontalHeaderLabels({tr("Version"), tr("Status"), tr("Name"), tr("Author"),
                                        tr("Created"), tr("Live since"), tr("Marketing sign-off"),
                                        tr("Sales sign-off"), tr("Rationale")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false); // one line a version; the selected one in full below
    m_details->setObjectName(QStringLiteral("versionDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_propose->setObjectName(QStringLiteral("proposeButton"));
    m_signOff->setObjectName(QStringLiteral("signOffButton"));
    m_goLive->setObjectName(QStringLiteral("goLiveButton"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_propose, m_signOff, m_goLive, m_withdraw, m_newDraft, m_compare})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    connect(m_propose, &QPushButton::clicked, this, &VersionsPanel::proposeDraft);
    connect(m_signOff, &QPushButton::clicked, this, &VersionsPanel::signOff);
    connect(m_goLive, &QPushButton::clicked, this, &VersionsPanel::goLive);
    connect(m_withdraw, &QPushButton::clicked, this, &VersionsPanel::withdraw);
    connect(m_newDraft, &QPushButton::clicked, this, &VersionsPanel::newDraftFromSelected);
    connect(m_compare, &QPushButton::clicked, this, &VersionsPanel::compare);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &VersionsPanel::updateButtons);
}

void VersionsPanel::setProfile(const Profile &profile)
{
    m_profile = profile;
    updateButtons();
}

void VersionsPanel::setDraftId(qint64 id)
{
    m_draftId = id;
    reload();
}

void VersionsPanel::reload()
{
    const qint64 selected = selectedVersion();
    ModelVersions versions(m_db, m_profile);
    m_versions = versions.all();
    m_table->setRowCount(int(m_versions.size()));
    // Newest first.
    for (int i = 0; i < m_versions.size(); ++i) {
        const ModelRecord &r = m_versions[m_versions.size() - 1 - i];
        QString marketing;
        QString sales;
        for (const ModelSignOff &s : versions.signOffs(r.id)) {
            const QString text = tr("%1, %2").arg(s.signedBy, when(s.signedAt));
            (s.side == ModelSignOff::Side::Marketing ? marketing : sales) = text;
        }
        QString status = ModelVersions::statusLabel(r.status);
        if (r.id == m_draftId)
            status = tr("draft (editing)");
        const QStringList cells = {QString::number(r.id),
                                   status,
                                   r.name,
                                   r.author,
                                   when(r.createdAt),
                                   r.liveAt ? when(*r.liveAt) : QString(),
                                   marketing,
                                   sales,
                                   r.rationale};
        for (int c = 0; c < Count; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, r.id);
            if (c == Rationale || c == Name)
                item->setToolTip(cells[c]);
            if (r.status == ModelRecord::Status::Live) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_table->setItem(i, c, item);
        }
    }
    // Every column but the rationale as wide as it needs; the rationale takes the rest and
    // wraps (in full under the list for the selected version).
    for (int c = 0; c < Rationale; ++c)
        m_table->resizeColumnToContents(c);
    m_table->setColumnWidth(Name, std::min(m_table->columnWidth(Name), 320));
    selectVersion(selected ? selected : m_draftId);
    updateButtons();
}

void VersionsPanel::selectVersion(qint64 id)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->data(Qt::UserRole).toLongLong() == id) {
            rowselection::select(m_table, row);
            return;
        }
    }
}

qint64 VersionsPanel::selectedVersion() const
{
    const QList<qint64> ids = selectedVersions();
    return ids.isEmpty() ? 0 : ids.first();
}

QList<qint64> VersionsPanel::selectedVersions() const
{
    QList<qint64> ids;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        ids << m_table->item(row.row(), 0)->data(Qt::UserRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void VersionsPanel::updateButtons()
{
    const qint64 id = selectedVersion();
    const auto selected = std::find_if(m_versions.cbegin(), m_versions.cend(),
                                       [id](const ModelRecord &r) { return r.id == id; });
    const bool proposed =
        selected != m_versions.cend() && selected->status == ModelRecord::Status::Proposed;
    m_propose->setEnabled(m_draftId != 0 && !m_profile.name.isEmpty());
    m_signOff->setEnabled(proposed && !m_profile.name.isEmpty());
    m_goLive->setEnabled(proposed);
    m_withdraw->setEnabled(proposed);
    m_newDraft->setEnabled(selected != m_versions.cend() && !m_profile.name.isEmpty());
    m_compare->setEnabled(selected != m_versions.cend());

    QString details;
    if (selected != m_versions.cend()) {
        details = tr("Version %1, %2").arg(selected->id).arg(selected->name);
        if (!selected->rationale.isEmpty())
            details += QLatin1Char('\n') + tr("Rationale: %1").arg(selected->rationale);
    }
    m_details->setText(details);
    const qint64 reviewed = proposed && selected->id != m_draftId ? selected->id : 0;
    if (reviewed != m_reviewed) {
        m_reviewed = reviewed;
        emit reviewedProposalChanged(reviewed);
    }
}

qint64 VersionsPanel::reviewedProposal() const
{
    return m_reviewed;
}

template <typename Step> bool VersionsPanel::act(Step step)
{
    try {
        step(ModelVersions(m_db, m_profile));
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
        reload();
        return false;
    }
    reload();
    return true;
}

void VersionsPanel::proposeDraft()
{
    const auto rationale = m_prompter.askText(
        this, tr("Propose version %1").arg(m_draftId),
        tr("Why this change? Marketing and sales read this before signing it off."));
    if (!rationale)
        return;
    const qint64 proposed = m_draftId;
    qint64 next = 0;
    if (act([&](ModelVersions v) {
            v.propose(proposed, {}, *rationale, m_clock());
            // Go on editing from what was proposed, in a new draft.
            next = v.draftFrom(proposed, m_clock()).id;
        })) {
        m_draftId = next;
        reload();
        selectVersion(proposed);
        emit draftOpened(next);
    }
}

void VersionsPanel::signOff()
{
    const qint64 id = selectedVersion();
    act([&](ModelVersions v) { v.signOff(id, m_clock()); });
}

void VersionsPanel::goLive()
{
    const qint64 id = selectedVersion();
    if (!id)
        return;
    // Not one click: what it does first, then how the wave of new MQLs reaches sales. (A
    // version that may not go live yet says why, without asking.)
    ModelVersions::Handover handover;
    QStringList missing;
    try {
        missing = ModelVersions(m_db, m_profile).missingForLive(id);
    } catch (const Error &e) { // gone meanwhile (another desk withdrew it)
        m_prompter.showError(this, e.message());
        reload();
        return;
    }
    if (missing.isEmpty()) {
        const Impact impact = m_impact ? m_impact(id) : Impact{};
        const int perHour = impact.perHour > 0 ? impact.perHour : handoverpace::suggestedPerHour(0);
        const auto choice = m_prompter.askChoice(
            this, tr("Take version %1 live?").arg(id),
            (impact.text.isEmpty() ? QString() : impact.text + QStringLiteral("\n\n")) +
                tr("Every lead is rescored under version %1 in every console.").arg(id),
            {tr("Hand them to sales now: their speed-to-lead clocks start now"),
             tr("Hand them over as one batch, outside the speed-to-lead SLA"),
             tr("Hand them over gradually: %1 an hour, best first, each clock starting when "
                "it reaches sales")
                 .arg(perHour)});
        if (!choice)
            return;
        handover.mode = ModelVersions::Handover::Mode(*choice); // offered in the enum's order
        if (handover.mode == ModelVersions::Handover::Mode::Gradual) {
            // The person sets the pace; offered at what the reps can take.
            QString question = tr("How many leads an hour, best first?");
            if (impact.handed > 0)
                question +=
                    QLatin1Char(' ') + tr("(%n lead(s) to hand over)", nullptr, impact.handed);
            const auto n =
                m_prompter.askNumber(this, tr("Hand over gradually"), question, perHour, 1, 100000);
            if (!n)
                return;
            handover.perHour = *n;
        }
    }
    if (act([&](ModelVersions v) { v.goLive(id, m_clock(), handover); }))
        emit wentLive(id);
}

void VersionsPanel::withdraw()
{
    const qint64 id = selectedVersion();
    act([&](ModelVersions v) { v.withdraw(id, m_clock()); });
}

void VersionsPanel::newDraftFromSelected()
{
    const qint64 id = selectedVersion();
    qint64 draft = 0;
    if (act([&](ModelVersions v) { draft = v.draftFrom(id, m_clock()).id; })) {
        m_draftId = draft;
        reload();
        emit draftOpened(draft);
    }
}

void VersionsPanel::compare()
{
    // Two versions selected: those two, older on the left; one: the live model beside it.
    const QList<qint64> ids = selectedVersions();
    if (ids.isEmpty())
        return;
    ScoringModel left;
    ScoringModel right;
    QString leftName = tr("Live");
    const QString rightName = tr("Version %1").arg(ids.last());
    try {
        ModelVersions versions(m_db, m_profile);
        left = ids.size() > 1 ? versions.definition(ids.first()) : versions.liveDefinition();
        if (ids.size() > 1)
            leftName = tr("Version %1").arg(ids.first());
        right = versions.definition(ids.last());
    } catch (const Error &e) {
        m_prompter.showError(this, e.message());
        return;
    }
    m_lastDiff = modeldiff::compare(left, right, ModelVersions(m_db, m_profile).activityLabels());
    // What differs first: the signer reads the changes, then what stays the same.
    QList<ModelDiffRow> rows;
    for (const bool changed : {true, false}) {
        for (const ModelDiffRow &r : m_lastDiff) {
            if (r.changed() == changed)
                rows.append(r);
        }
    }
    const qsizetype changedCount = std::count_if(rows.cbegin(), rows.cend(),
                                                 [](const ModelDiffRow &r) { return r.changed(); });
    // Tests read the dialog without it blocking: shown, not run, and kept until the next one.
    delete findChild<QDialog *>(QStringLiteral("compareDialog"));
    auto *shown = new QDialog(this);
    shown->setObjectName(QStringLiteral("compareDialog"));
    shown->setAttribute(Qt::WA_DeleteOnClose);
    QDialog &dialog = *shown;
    dialog.setWindowTitle(tr("%1 and %2 side by side").arg(leftName, rightName));
    auto *table = new QTableWidget(int(rows.size()), 3, &dialog);
    table->setHorizontalHeaderLabels({tr("Setting"), leftName, rightName});
    table->setObjectName(QStringLiteral("compareTable"));
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setWordWrap(true);
    // All three columns share the width, long settings wrapping, so both versions' values are
    // always in view.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (int i = 0; i < rows.size(); ++i) {
        const ModelDiffRow &r = rows[i];
        const QStringList cells = {r.item, r.left.isEmpty() ? tr("—") : r.left,
                                   r.right.isEmpty() ? tr("—") : r.right};
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (r.changed())
                item->setBackground(QColor(0xff, 0xf0, 0xc0));
            table->setItem(i, c, item);
        }
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    auto *summary = new QLabel(
        changedCount == 0 ? tr("The two versions score alike: no setting differs.")
                          : tr("%n setting(s) differ, listed first: %1", nullptr, int(changedCount))
                                .arg(modeldiff::summary(m_lastDiff, 3)),
        &dialog);
    summary->setObjectName(QStringLiteral("compareSummary"));
    summary->setWordWrap(true);
    layout->addWidget(summary);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(900, 560);
    if (m_showDialogs)
        dialog.exec();
    else
        dialog.show();
}

} // namespace handoff
