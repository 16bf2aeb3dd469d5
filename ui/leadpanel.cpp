#include "leadpanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "lead.h"

namespace {

QString points(double value)
{
    const QString text = QString::number(value, 'f', 1);
    return value > 0 ? QLatin1Char('+') + text : text;
}

} // namespace

LeadPanel::LeadPanel(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_breakdown(new QTreeWidget(this))
{
    m_heading->setObjectName(QStringLiteral("leadHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_summary->setObjectName(QStringLiteral("leadSummary"));
    m_summary->setWordWrap(true);
    m_breakdown->setObjectName(QStringLiteral("scoreBreakdown"));
    m_breakdown->setColumnCount(4);
    m_breakdown->setHeaderLabels({tr("Rule or activity"), tr("Points"), tr("Detail"), tr("Note")});
    m_breakdown->setRootIsDecorated(true);
    m_breakdown->setAlternatingRowColors(true);
    m_breakdown->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_summary);
    layout->addWidget(m_breakdown, 1);
    clear();
}

void LeadPanel::clear()
{
    m_heading->setText(tr("No lead selected"));
    m_summary->setText(tr("Select a lead in a queue to see why it has its score."));
    m_breakdown->clear();
}

void LeadPanel::showLead(const Lead &lead, const ScoreBreakdown &b)
{
    m_heading->setText(tr("%1, %2 at %3").arg(lead.displayName(), lead.title, lead.company));
    QString summary = tr("Score %1 = fit %2 + engagement %3 · fit grade %4 · MQL threshold %5 (%6)")
                          .arg(b.total, 0, 'f', 1)
                          .arg(b.fitPoints, 0, 'f', 1)
                          .arg(b.engagementPoints, 0, 'f', 1)
                          .arg(b.grade)
                          .arg(b.mqlThreshold)
                          .arg(b.aboveThreshold ? tr("above") : tr("below"));
    if (b.raisedHand)
        summary += QLatin1Char('\n') + tr("Raised a hand: goes straight to sales.");
    if (b.disqualifiedBecause)
        summary += QLatin1Char('\n') +
                   tr("Disqualified: %1. In neither queue.").arg(*b.disqualifiedBecause);
    m_summary->setText(summary);

    m_breakdown->clear();
    auto *fit = new QTreeWidgetItem(m_breakdown, {tr("Fit"), points(b.fitPoints)});
    for (const auto &line : b.fit) {
        auto *item = new QTreeWidgetItem(
            fit, {line.rule, line.matched ? points(line.points) : QStringLiteral("—"),
                  line.value.isEmpty() ? tr("unknown") : line.value});
        item->setDisabled(!line.matched);
    }
    auto *engagement =
        new QTreeWidgetItem(m_breakdown, {tr("Engagement"), points(b.engagementPoints)});
    for (const auto &line : b.activities) {
        const QString detail =
            tr("%1 × %2 = %3").arg(line.count).arg(line.pointsEach).arg(line.raw);
        QStringList notes;
        if (line.decays)
            notes.append(tr("decayed to %1").arg(line.decayed, 0, 'f', 1));
        else
            notes.append(tr("does not decay"));
        if (line.capped)
            notes.append(tr("capped"));
        new QTreeWidgetItem(engagement, {line.label, points(line.points), detail,
                                         notes.join(QStringLiteral(", "))});
    }
    new QTreeWidgetItem(m_breakdown, {tr("Total"), points(b.total)});
    m_breakdown->expandAll();
    for (int c = 1; c < m_breakdown->columnCount(); ++c)
        m_breakdown->resizeColumnToContents(c);
}
