#include "ui/routingdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace handoff {

namespace {

constexpr int MaxTimeoutMinutes = 7 * 24 * 60;

QString fieldLabel(const QString &field)
{
    if (field.isEmpty())
        return QCoreApplication::translate("RoutingDialog", "Any lead");
    if (field == u"segment")
        return QCoreApplication::translate("RoutingDialog", "Segment (company size)");
    QString label = field;
    label[0] = label[0].toUpper();
    return label;
}

} // namespace

RoutingDialog::RoutingDialog(const TeamRouting &current, QWidget *parent)
    : QDialog(parent)
    , m_mode(new QComboBox(this))
    , m_timeout(new QSpinBox(this))
    , m_reps(new QTableWidget(int(current.reps.size()), ColumnCount, this))
    , m_problems(new QLabel(this))
{
    setObjectName(QStringLiteral("routingDialog"));
    setWindowTitle(tr("Routing hand-raisers"));
    m_mode->setObjectName(QStringLiteral("routingMode"));
    m_mode->addItem(tr("Off: reps claim hand-raisers themselves"), int(RoutingSettings::Mode::Off));
    m_mode->addItem(tr("Round-robin among reps on shift"), int(RoutingSettings::Mode::RoundRobin));
    m_mode->addItem(tr("Weighted among reps on shift"), int(RoutingSettings::Mode::Weighted));
    m_mode->setCurrentIndex(m_mode->findData(int(current.settings.mode)));
    m_timeout->setObjectName(QStringLiteral("claimTimeout"));
    m_timeout->setRange(0, MaxTimeoutMinutes);
    m_timeout->setSuffix(tr(" min"));
    m_timeout->setSpecialValueText(tr("never"));
    m_timeout->setValue(current.settings.claimTimeoutMinutes);
    m_timeout->setToolTip(tr("A claimed or routed hand-raiser nobody contacted in this time (on "
                             "the SLA clock) goes back to the pool, and the sales manager is "
                             "told"));

    m_reps->setObjectName(QStringLiteral("routingReps"));
    m_reps->setHorizontalHeaderLabels({tr("Rep"), tr("On shift"), tr("Weight"), tr("Territory on"),
                                       tr("Values (comma-separated)")});
    m_reps->verticalHeader()->hide();
    m_reps->horizontalHeader()->setSectionResizeMode(TerritoryValues, QHeaderView::Stretch);
    for (int row = 0; row < current.reps.size(); ++row) {
        const RepRouting &rep = current.reps[row];
        auto *name = new QTableWidgetItem(rep.rep);
        name->setFlags(Qt::ItemIsEnabled);
        m_reps->setItem(row, Rep, name);
        auto *onShift = new QCheckBox(m_reps);
        onShift->setChecked(rep.available);
        m_reps->setCellWidget(row, OnShift, onShift);
        auto *weight = new QSpinBox(m_reps);
        weight->setRange(1, 100);
        weight->setValue(rep.weight);
        m_reps->setCellWidget(row, Weight, weight);
        auto *field = new QComboBox(m_reps);
        field->addItem(fieldLabel({}), QString());
        for (const QString &f : RoutingRepository::territoryFields())
            field->addItem(fieldLabel(f), f);
        field->setCurrentIndex(std::max(0, field->findData(rep.territoryField)));
        m_reps->setCellWidget(row, TerritoryField, field);
        auto *values = new QLineEdit(rep.territoryValues.join(QStringLiteral(", ")), m_reps);
        m_reps->setCellWidget(row, TerritoryValues, values);
        // What values look like for the field chosen (a segment has codes of its own).
        const auto hint = [field, values] {
            const QString f = field->currentData().toString();
            values->setEnabled(!f.isEmpty());
            values->setPlaceholderText(
                f == u"segment"   ? tr("micro, small, medium, large, enterprise")
                : f == u"country" ? tr("e.g. DE, AT, CH")
                : f.isEmpty()     ? QString()
                                  : tr("values as the leads have them, comma-separated"));
        };
        hint();
        connect(field, &QComboBox::currentIndexChanged, values, hint);
    }
    m_reps->resizeColumnsToContents();
    m_reps->horizontalHeader()->setSectionResizeMode(TerritoryValues, QHeaderView::Stretch);

    m_problems->setObjectName(QStringLiteral("routingProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problems->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Hand-raisers go"), m_mode);
    form->addRow(tr("&Claim timeout"), m_timeout);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RoutingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *repsLabel = new QLabel(
        tr("Reps (a lead goes to the reps whose territory covers it, else to those taking any "
           "lead; a rep also goes on shift from their own console):"),
        this);
    repsLabel->setWordWrap(true);
    layout->addWidget(repsLabel);
    layout->addWidget(m_reps, 1);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    resize(760, 420);
}

TeamRouting RoutingDialog::choice() const
{
    TeamRouting choice;
    choice.settings.mode = RoutingSettings::Mode(m_mode->currentData().toInt());
    choice.settings.claimTimeoutMinutes = m_timeout->value();
    for (int row = 0; row < m_reps->rowCount(); ++row) {
        RepRouting rep;
        rep.rep = m_reps->item(row, Rep)->text();
        rep.available = qobject_cast<QCheckBox *>(m_reps->cellWidget(row, OnShift))->isChecked();
        rep.weight = qobject_cast<QSpinBox *>(m_reps->cellWidget(row, Weight))->value();
        rep.territoryField = qobject_cast<QComboBox *>(m_reps->cellWidget(row, TerritoryField))
                                 ->currentData()
                                 .toString();
        if (rep.hasTerritory()) {
            for (const QString &value :
                 qobject_cast<QLineEdit *>(m_reps->cellWidget(row, TerritoryValues))
                     ->text()
                     .split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!value.trimmed().isEmpty())
                    rep.territoryValues.append(value.trimmed());
        }
        choice.reps.append(rep);
    }
    return choice;
}

QStringList RoutingDialog::problems() const
{
    QStringList found;
    const TeamRouting chosen = choice();
    for (const RepRouting &rep : chosen.reps)
        if (rep.hasTerritory() && rep.territoryValues.isEmpty())
            found.append(tr("%1: a territory on %2 needs at least one value")
                             .arg(rep.rep, fieldLabel(rep.territoryField).toLower()));
    return found;
}

void RoutingDialog::accept()
{
    const QStringList found = problems();
    m_problems->setText(found.join(QLatin1Char('\n')));
    m_problems->setVisible(!found.isEmpty());
    if (found.isEmpty())
        QDialog::accept();
}

} // namespace handoff
