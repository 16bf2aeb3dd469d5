#pragma once

// Adds or edits one fit rule (field, operator, values, points) or disqualification rule
// (field, operator, values, reason). The fields offered are the standard ones and the custom
// fields imports kept. OK stays disabled, with the reason shown, until the rule is valid.

#include <optional>

#include <QDialog>

#include "scoring/scoringmodel.h"

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
    enum class Kind { Fit, Disqualification };

    RuleDialog(Kind kind, const QStringList &customFields, QWidget *parent = nullptr);

    void setFitRule(const FitRule &rule);
    void setDisqualification(const DisqualificationRule &rule);
    FitRule fitRule() const;
    DisqualificationRule disqualification() const;
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

} // namespace handoff
