#pragma once

// Adds or edits one fit rule (field, operator, values, points) or disqualification rule
// (field, operator, values, reason). The fields offered are the standard ones and the custom
// fields imports kept. OK stays disabled, with the reason shown, until the rule is valid.

#include <optional>

#include <QDialog>

#include "scoring/rulelist.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QDialogButtonBox;

namespace handoff {

class RuleDialog : public QDialog
{
    Q_OBJECT

public:
    using Kind = RuleKind;

    RuleDialog(Kind kind, const QStringList &customFields, QWidget *parent = nullptr);

    // The rule to edit, and the rule as entered: a FitRule or a DisqualificationRule, as the
    // dialog's kind.
    void setRule(const FitRule &rule);
    void setRule(const DisqualificationRule &rule);
    template <typename Rule> Rule rule() const;
    // What is wrong with the rule as entered; empty when it is valid.
    QString problem() const;

private:
    void setCondition(const Condition &condition);
    Condition condition() const;
    void updateState();

    Kind m_kind;
    QComboBox *m_field;
    QComboBox *m_operator;
    QLineEdit *m_values;
    QLineEdit *m_min;
    QLineEdit *m_max;
    QDoubleSpinBox *m_points = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

template <> FitRule RuleDialog::rule<FitRule>() const;
template <> DisqualificationRule RuleDialog::rule<DisqualificationRule>() const;

} // namespace handoff
