#include "ui/ruledialog.h"

#include <cmath>
#include <utility>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "scoring/leadfields.h"

namespace handoff {

namespace {
std::optional<double> number(const QLineEdit *edit, bool *bad)
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    ok = ok && std::isfinite(value) && std::abs(value) <= ScoringModel::MaxMagnitude;
    if (!ok)
        *bad = true;
    return ok ? std::optional(value) : std::nullopt;
}
// Values are typed separated by commas; one that holds a comma itself is put in double
// quotes ("Acme, Inc."), as a spreadsheet would.
QStringList splitValues(const QString &text)
{
    QStringList values;
    QString current;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char(',') && !quoted)
            values << std::exchange(current, QString());
        else
            current += c;
    }
    values << current;
    QStringList kept;
    for (const QString &value : values) {
        if (!value.trimmed().isEmpty())
            kept << value.trimmed();
    }
    return kept;
}

QString joinValues(const QStringList &values)
{
    QStringList shown;
    for (const QString &value : values)
        shown << (value.contains(QLatin1Char(',')) ? QLatin1Char('"') + value + QLatin1Char('"')
                                                   : value);
    return shown.join(QStringLiteral(", "));
}

} // namespace

RuleDialog::RuleDialog(Kind kind, const QStringList &customFields, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_field(new QComboBox(this))
    , m_operator(new QComboBox(this))
    , m_values(new QLineEdit(this))
    , m_min(new QLineEdit(this))
    , m_max(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(kind == Kind::Fit ? tr("Fit rule") : tr("Disqualification rule"));
    for (const QString &name : leadfields::names())
        m_field->addItem(leadfields::label(name), name);
    for (const QString &custom : customFields)
        m_field->addItem(tr("%1 (imported)").arg(leadfields::customName(custom)), custom);
    m_field->setObjectName(QStringLiteral("ruleField"));
    using Op = Condition::Operator;
    m_operator->addItem(tr("equals"), int(Op::Equals));
    m_operator->addItem(tr("contains"), int(Op::Contains));
    m_operator->addItem(tr("is one of"), int(Op::OneOf));
    m_operator->addItem(tr("is in the range"), int(Op::Range));
    m_operator->setObjectName(QStringLiteral("ruleOperator"));
    m_values->setObjectName(QStringLiteral("ruleValues"));
    m_values->setPlaceholderText(tr("Values, separated by commas; \"Acme, Inc.\" keeps its comma"));
    m_min->setPlaceholderText(tr("no lower bound"));
    m_max->setPlaceholderText(tr("no upper bound"));
    m_problem->setObjectName(QStringLiteral("ruleProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Field:"), m_field);
    form->addRow(tr("&Test:"), m_operator);
    form->addRow(tr("&Values:"), m_values);
    form->addRow(tr("From:"), m_min);
    form->addRow(tr("To:"), m_max);
    if (kind == Kind::Fit) {
        m_points = new QDoubleSpinBox(this);
        m_points->setRange(-ScoringModel::MaxMagnitude, ScoringModel::MaxMagnitude);
        m_points->setDecimals(0);
        m_points->setObjectName(QStringLiteral("rulePoints"));
        form->addRow(tr("&Points:"), m_points);
    } else {
        m_reason = new QLineEdit(this);
        m_reason->setObjectName(QStringLiteral("ruleReason"));
        m_reason->setPlaceholderText(tr("Shown to people, e.g. \"Student\""));
        form->addRow(tr("&Reason:"), m_reason);
    }
    form->addRow(m_problem);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_values, m_min, m_max})
        connect(edit, &QLineEdit::textChanged, this, &RuleDialog::updateState);
    if (m_reason)
        connect(m_reason, &QLineEdit::textChanged, this, &RuleDialog::updateState);
    connect(m_operator, &QComboBox::currentIndexChanged, this, &RuleDialog::updateState);
    updateState();
}

void RuleDialog::setRule(const FitRule &rule)
{
    setCondition(rule.when);
    m_points->setValue(rule.points);
}

void RuleDialog::setRule(const DisqualificationRule &rule)
{
    setCondition(rule.when);
    m_reason->setText(rule.reason);
}

void RuleDialog::setCondition(const Condition &c)
{
    // A field this database no longer has (an import's custom field) stays as it was.
    if (m_field->findData(c.field) < 0)
        m_field->addItem(leadfields::label(c.field), c.field);
    m_field->setCurrentIndex(m_field->findData(c.field));
    m_operator->setCurrentIndex(m_operator->findData(int(c.op)));
    m_values->setText(joinValues(c.values));
    m_min->setText(c.min ? QString::number(*c.min) : QString());
    m_max->setText(c.max ? QString::number(*c.max) : QString());
    updateState();
}

Condition RuleDialog::condition() const
{
    Condition c;
    c.field = m_field->currentData().toString();
    c.op = Condition::Operator(m_operator->currentData().toInt());
    if (c.op == Condition::Operator::Range) {
        bool bad = false;
        c.min = number(m_min, &bad);
        c.max = number(m_max, &bad);
        return c;
    }
    c.values = splitValues(m_values->text());
    // equals and contains test one value; several make it "one of".
    if (c.values.size() > 1 && c.op == Condition::Operator::Equals)
        c.op = Condition::Operator::OneOf;
    return c;
}

template <> FitRule RuleDialog::rule<FitRule>() const
{
    return {condition(), m_points ? m_points->value() : 0};
}

template <> DisqualificationRule RuleDialog::rule<DisqualificationRule>() const
{
    return {condition(), m_reason ? m_reason->text().trimmed() : QString()};
}

QString RuleDialog::problem() const
{
    const bool range =
        Condition::Operator(m_operator->currentData().toInt()) == Condition::Operator::Range;
    if (range) {
        bool bad = false;
        const auto min = number(m_min, &bad);
        const auto max = number(m_max, &bad);
        if (bad)
            return tr("The range's bounds must be numbers between -%1 and %1.")
                .arg(ScoringModel::MaxMagnitude);
        if (!min && !max)
            return tr("Give at least one bound of the range.");
        if (min && max && *min > *max)
            return tr("The range's lower bound is above its upper bound.");
    } else if (condition().values.isEmpty()) {
        return tr("Give the value to test for.");
    }
    if (m_reason && m_reason->text().trimmed().isEmpty())
        return tr("Say why such leads are disqualified.");
    return {};
}

void RuleDialog::updateState()
{
    const bool range =
        Condition::Operator(m_operator->currentData().toInt()) == Condition::Operator::Range;
    m_values->setEnabled(!range);
    m_min->setEnabled(range);
    m_max->setEnabled(range);
    const QString why = problem();
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace handoff
