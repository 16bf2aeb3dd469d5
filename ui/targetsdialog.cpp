#include "ui/targetsdialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "analytics/targetrules.h"

namespace handoff {

namespace {
QDoubleSpinBox *percentBox(double fraction, const QString &name, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    // Wider than 0-100 on purpose: the targets' own check names the problem, rather than
    // the box silently clamping what was typed.
    box->setRange(-1000, 1000);
    box->setDecimals(1);
    box->setSuffix(QStringLiteral("%"));
    box->setValue(fraction * 100);
    return box;
}
} // namespace

TargetsDialog::TargetsDialog(const MeetingTargets &current, const QList<MeetingTargets> &history,
                             QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_sla(new QSpinBox(this))
    , m_mqls(new QSpinBox(this))
    , m_accept(percentBox(current.acceptRate, QStringLiteral("acceptRate"), this))
    , m_shareLow(percentBox(current.marketingShareLow, QStringLiteral("shareLow"), this))
    , m_shareHigh(percentBox(current.marketingShareHigh, QStringLiteral("shareHigh"), this))
    , m_note(new QLineEdit(this))
    , m_problems(new QLabel(this))
{
    setWindowTitle(tr("Edit meeting targets"));
    m_sla->setObjectName(QStringLiteral("sla"));
    m_sla->setRange(-100000, 100000);
    m_sla->setSuffix(tr(" min"));
    m_sla->setValue(current.slaMinutes);
    m_mqls->setObjectName(QStringLiteral("mqls"));
    m_mqls->setRange(-1, 100'000'000);
    m_mqls->setValue(current.mqlsPerWeek);
    m_note->setObjectName(QStringLiteral("note"));
    m_note->setPlaceholderText(tr("Why the targets change, as agreed in the meeting"));
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problems->setWordWrap(true);
    m_problems->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Speed-to-lead SLA:"), m_sla);
    form->addRow(tr("MQLs per week, at least:"), m_mqls);
    form->addRow(tr("Accept rate, at least:"), m_accept);
    form->addRow(tr("Marketing share, from:"), m_shareLow);
    form->addRow(tr("Marketing share, to:"), m_shareHigh);
    form->addRow(tr("Note:"), m_note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &TargetsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TargetsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        current.version > 0
            ? tr("Version %1 is in force, set by %2.").arg(current.version).arg(current.setBy)
            : tr("The defaults are in force; saving makes version 1."),
        this));
    layout->addLayout(form);
    layout->addWidget(m_problems);
    if (!history.isEmpty())
        layout->addWidget(historyTable(history, this));
    layout->addWidget(buttons);
}

QTableWidget *TargetsDialog::historyTable(const QList<MeetingTargets> &history, QWidget *parent)
{
    auto *table = new QTableWidget(int(history.size()), 8, parent);
    table->setObjectName(QStringLiteral("targetHistory"));
    table->setHorizontalHeaderLabels({tr("Version"), tr("Set by"), tr("When"), tr("SLA"),
                                      tr("MQLs/week"), tr("Accept rate"), tr("Marketing share"),
                                      tr("Note")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    QList<MeetingTargets> newestFirst = history;
    std::sort(
        newestFirst.begin(), newestFirst.end(),
        [](const MeetingTargets &a, const MeetingTargets &b) { return a.version > b.version; });
    const auto percent = [](double share) {
        return QStringLiteral("%1%").arg(share * 100, 0, 'f', 0);
    };
    for (int i = 0; i < newestFirst.size(); ++i) {
        const MeetingTargets &t = newestFirst[i];
        const QStringList cells = {
            QString::number(t.version),
            t.setBy,
            QDateTime::fromSecsSinceEpoch(t.setAt).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            tr("%1 min").arg(t.slaMinutes),
            QString::number(t.mqlsPerWeek),
            percent(t.acceptRate),
            QStringLiteral("%1-%2").arg(percent(t.marketingShareLow),
                                        percent(t.marketingShareHigh)),
            t.note};
        for (int c = 0; c < cells.size(); ++c)
            table->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    table->resizeColumnsToContents();
    return table;
}

MeetingTargets TargetsDialog::targets() const
{
    MeetingTargets t;
    t.slaMinutes = m_sla->value();
    t.mqlsPerWeek = m_mqls->value();
    t.acceptRate = m_accept->value() / 100;
    t.marketingShareLow = m_shareLow->value() / 100;
    t.marketingShareHigh = m_shareHigh->value() / 100;
    t.note = m_note->text().trimmed();
    return t;
}

void TargetsDialog::accept()
{
    const QStringList problems = targetrules::problems(targets());
    if (!problems.isEmpty()) {
        m_problems->setText(problems.join(QLatin1Char('\n')));
        m_problems->show();
        return;
    }
    QDialog::accept();
}

} // namespace handoff
