#include "ui/leadpanel.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QTabWidget>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include "queues/console.h"
#include "queues/speedtolead.h"
#include "scoring/leadfields.h"
#include "ui/leadhistoryview.h"
#include "ui/palette.h"
#include "ui/qualificationform.h"
#include "ui/scorebar.h"

namespace handoff {

namespace {

QString points(double value)
{
    const QString text = QString::number(value, 'f', 1);
    return value > 0 ? QLatin1Char('+') + text : text;
}

} // namespace

LeadPanel::LeadPanel(Console &console, QUndoStack *undo, QWidget *parent)
    : QWidget(parent)
    , m_console(console)
    , m_heading(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_bar(new ScoreBar(this))
    , m_tabs(new QTabWidget(this))
    , m_breakdown(new QTreeWidget(this))
    , m_activities(
          leadhistory::makeTable({tr("When"), tr("Activity"), tr("Content"), tr("Channel")},
                                 QStringLiteral("activityTimeline"), this))
    , m_stages(leadhistory::makeTable({tr("When"), tr("From"), tr("To"), tr("By"), tr("Why")},
                                      QStringLiteral("stageHistory"), this))
    , m_qualification(new QualificationForm(console, undo, this))
{
    m_heading->setObjectName(QStringLiteral("leadHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_summary->setObjectName(QStringLiteral("leadSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_breakdown->setObjectName(QStringLiteral("scoreBreakdown"));
    m_breakdown->setColumnCount(4);
    m_breakdown->setHeaderLabels({tr("Rule or activity"), tr("Points"), tr("Detail"), tr("Note")});
    m_breakdown->setAlternatingRowColors(true);
    // Points as wide as they need; a long rule gives way first (elided, its text in the
    // tooltip), then detail and note (see fitBreakdownColumns), so the Note column stays in
    // view whatever the panel's width.
    m_breakdown->header()->setStretchLastSection(false);
    m_breakdown->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_breakdown->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_breakdown->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tabs->setObjectName(QStringLiteral("leadTabs"));
    m_tabs->addTab(m_breakdown, tr("&Score"));
    m_tabs->addTab(m_activities, tr("A&ctivity"));
    m_tabs->addTab(m_stages, tr("S&tages"));
    m_tabs->addTab(m_qualification, tr("&Qualification"));

    // Never narrower than a breakdown can be read at (a rule's name, its points, detail and
    // note): queues given most of a projector's width come back onto a laptop beside it.
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 64);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_summary);
    layout->addWidget(m_bar);
    layout->addWidget(m_tabs, 1);
    connect(m_qualification, &QualificationForm::saved, this, &LeadPanel::message);
    clear();
}

void LeadPanel::clear()
{
    m_leadId = 0;
    m_shownHandoff.reset();
    m_heading->setText(tr("No lead selected"));
    m_summary->setText(tr("Select a lead in a queue to see why it has its score."));
    m_bar->setScore(0, 0, m_console.engine().scores().model().mqlThreshold);
    m_breakdown->clear();
    m_activities->setRowCount(0);
    m_stages->setRowCount(0);
    m_qualification->showLead(0);
}

void LeadPanel::reload()
{
    showLead(m_leadId);
}

void LeadPanel::followHandoff()
{
    if (!m_leadId || m_console.openHandoffFor(m_leadId) == m_shownHandoff)
        return;
    const auto lead = m_console.lead(m_leadId);
    if (!lead)
        return reload();
    // Only the summary says where the handoff stands: the breakdown, the history and a
    // qualification being typed stay as they are.
    m_summary->setText(summaryOf(*lead, m_console.explain(m_leadId)));
}

// "Ann Lee · CTO at Acme", with only the parts the lead has.
QString LeadPanel::heading(const Lead &lead)
{
    QString role = lead.title;
    if (!lead.company.isEmpty())
        role = role.isEmpty() ? lead.company : tr("%1 at %2").arg(role, lead.company);
    return role.isEmpty() ? lead.displayName() : tr("%1 · %2").arg(lead.displayName(), role);
}

// "Seniority VP (from the title "VP of Marketing") · Country US (USA) · Company size 51
// (51-200)": what the fit rules read, with what the file said where that differs.
QString LeadPanel::profileLine(const Lead &lead)
{
    QStringList parts;
    for (const QString &field : {QStringLiteral("seniority"), QStringLiteral("industry"),
                                 QStringLiteral("company_size"), QStringLiteral("country")}) {
        if (!leadfields::value(lead, field).isEmpty())
            parts.append(tr("%1 %2").arg(leadfields::label(field), leadfields::shown(lead, field)));
    }
    if (leadfields::value(lead, QStringLiteral("disposable_mail")) == QLatin1String("yes"))
        parts.append(tr("disposable e-mail address"));
    else if (leadfields::value(lead, QStringLiteral("free_mail")) == QLatin1String("yes"))
        parts.append(tr("free e-mail address"));
    return parts.join(QStringLiteral(" · "));
}

QString LeadPanel::summaryOf(const Lead &lead, const ScoreBreakdown &b)
{
    const qint64 leadId = lead.id;
    // Imported leads often lack some of these: what is missing is left out, not shown empty.
    QStringList facts;
    if (!lead.email.isEmpty())
        facts.append(lead.email);
    facts.append(stage::label(lead.stage));
    const QString origin =
        lead.source == QLatin1String("sales") ? tr("sales-sourced") : tr("marketing");
    facts.append(lead.channel.isEmpty() ? origin : tr("%1 (%2)").arg(origin, lead.channel));
    if (!lead.owner.isEmpty())
        facts.append(tr("owner %1").arg(lead.owner));
    QString summary = facts.join(QStringLiteral(" · ")) + QLatin1Char('\n');
    if (const QString profile = profileLine(lead); !profile.isEmpty())
        summary += profile + QLatin1Char('\n');
    summary += tr("Score %1 = fit %2 + engagement %3 · fit grade %4 · MQL threshold %5 (%6)")
                   .arg(b.total, 0, 'f', 1)
                   .arg(b.fitPoints, 0, 'f', 1)
                   .arg(b.engagementPoints, 0, 'f', 1)
                   .arg(b.gradeText())
                   .arg(b.mqlThreshold)
                   .arg(b.aboveThreshold ? tr("above") : tr("below"));
    m_shownHandoff = m_console.openHandoffFor(leadId);
    if (const auto &h = m_shownHandoff) {
        summary += QLatin1Char('\n') + (h->claimedBy.isEmpty()
                                            ? tr("With sales, unclaimed")
                                            : tr("With sales, claimed by %1").arg(h->claimedBy));
        // A batch handoff runs no clock: say so instead of measuring it against the SLA.
        if (h->slaExempt)
            summary += QStringLiteral(" · ") + SalesQueueModel::batchText() +
                       (h->modelId ? tr(" (version %1 going live)").arg(*h->modelId) : QString());
        // The speed-to-lead figure, frozen once reached.
        else if (h->firstContactAt)
            summary += tr(" · contacted in %1 (agreed SLA %2)")
                           .arg(speedtolead::waitedText(speedtolead::clockSeconds(
                                    h->raisedAt, h->firstContactAt, h->raisedAt,
                                    m_console.salesQueue()->calendar())),
                                speedtolead::minutesText(m_console.slaMinutes()));
    } else if (const auto held = m_console.heldUntil(leadId)) {
        // Lifted by a model taken live gradually: on its way, its clock not yet started.
        summary +=
            QLatin1Char('\n') + tr("Not with sales yet: %1 (a gradual handover, best first)")
                                    .arg(InterestQueueModel::heldText(*held, m_console.now()));
    }
    if (b.disqualifiedBecause)
        summary += QLatin1Char('\n') +
                   tr("Disqualified: %1. In neither queue.").arg(*b.disqualifiedBecause);
    return summary;
}

void LeadPanel::showLead(qint64 leadId)
{
    const auto lead = leadId ? m_console.lead(leadId) : std::nullopt;
    if (!lead) {
        clear();
        return;
    }
    m_leadId = leadId;
    const ScoreBreakdown b = m_console.explain(leadId);
    m_heading->setText(heading(*lead));
    m_summary->setText(summaryOf(*lead, b));
    m_bar->setScore(b.fitPoints, b.engagementPoints, b.mqlThreshold);
    showBreakdown(b);
    leadhistory::showActivities(m_activities, m_console.activities(leadId),
                                m_console.engine().catalogue());
    leadhistory::showStages(m_stages, m_console.stageHistory(leadId),
                            m_console.engine().catalogue());
    m_qualification->showLead(leadId);
}

void LeadPanel::showBreakdown(const ScoreBreakdown &b)
{
    m_breakdown->clear();
    auto *fit = new QTreeWidgetItem(m_breakdown, {tr("Fit"), points(b.fitPoints)});
    // What a value was read from ("from the title ...", "USA") is said once per field: on
    // the rules that matched it, else on the field's first rule; the others show the value.
    QSet<QString> explained;
    for (const auto &line : b.fit) {
        if (line.matched)
            explained.insert(line.field);
    }
    for (const auto &line : b.fit) {
        const bool withOrigin = line.matched || !explained.contains(line.field);
        explained.insert(line.field);
        auto *item = new QTreeWidgetItem(
            fit, {line.rule, line.matched ? points(line.points) : QStringLiteral("—"),
                  line.value.isEmpty() ? tr("unknown")
                  : withOrigin         ? line.shownValue()
                                       : line.value});
        item->setDisabled(!line.matched);
    }
    auto *engagement =
        new QTreeWidgetItem(m_breakdown, {tr("Engagement"), points(b.engagementPoints)});
    for (const auto &line : b.activities) {
        QStringList notes;
        const bool fades = line.decays && b.halfLifeDays > 0;
        // Undated activities count as the oldest (see ScoreBreakdown).
        if (line.undated > 0 && line.undated == line.count)
            notes.append(fades ? tr("undated: the oldest, nothing left") : tr("undated, in full"));
        else
            notes.append(line.decays ? tr("decayed from %1").arg(line.raw, 0, 'f', 1)
                                     : tr("does not decay"));
        if (line.undated > 0 && line.undated < line.count)
            notes.append(tr("%1 undated").arg(line.undated));
        if (line.capped)
            notes.append(tr("capped"));
        auto *item =
            new QTreeWidgetItem(engagement, {line.label, points(line.points),
                                             tr("%1 × %2").arg(line.count).arg(line.pointsEach),
                                             notes.join(QStringLiteral(", "))});
        if (line.points < 0)
            item->setForeground(1, palette::negative());
    }
    auto *total = new QTreeWidgetItem(m_breakdown, {tr("Total"), points(b.total)});
    QFont bold = total->font(0);
    bold.setBold(true);
    total->setFont(0, bold);
    total->setFont(1, bold);
    m_breakdown->expandAll();
    for (QTreeWidgetItemIterator it(m_breakdown); *it; ++it) {
        for (const int column : {0, 2, 3})
            (*it)->setToolTip(column, (*it)->text(column));
    }
    fitBreakdownColumns();
}

void LeadPanel::fitBreakdownColumns()
{
    constexpr int RuleAtLeast = 120;
    // What a column needs: its widest text (and its title), with the cell's margins.
    const auto needs = [this](int column) {
        const QFontMetrics metrics(m_breakdown->font());
        int widest = m_breakdown->header()->sectionSizeHint(column);
        for (QTreeWidgetItemIterator it(m_breakdown); *it; ++it)
            widest = std::max(widest, metrics.horizontalAdvance((*it)->text(column)) + 16);
        return widest;
    };
    const int detail = needs(2);
    const int note = needs(3);
    const int room = m_breakdown->viewport()->width() - m_breakdown->columnWidth(1) - RuleAtLeast;
    if (room <= 0 || detail + note <= room || detail + note == 0) {
        m_breakdown->setColumnWidth(2, detail);
        m_breakdown->setColumnWidth(3, note);
        return;
    }
    m_breakdown->setColumnWidth(2, int(qint64(detail) * room / (detail + note)));
    m_breakdown->setColumnWidth(3, int(qint64(note) * room / (detail + note)));
}

void LeadPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitBreakdownColumns();
}

} // namespace handoff
