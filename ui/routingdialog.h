#pragma once

// A sales manager's routing settings in one place: how hand-raisers are handed out (off,
// round-robin, weighted), the claim timeout, and per rep whether they are on shift, their
// weight and their territory (a lead field and its values). OK stays on the dialog and names
// every problem until the settings can be saved; the caller saves them together.

#include <QDialog>

#include "store/routingrepository.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace handoff {

class RoutingDialog : public QDialog
{
    Q_OBJECT

public:
    // `reps`: every sales-side profile, as routing has them (a rep never set up: away,
    // weight 1, any lead).
    RoutingDialog(const TeamRouting &current, QWidget *parent = nullptr);

    TeamRouting choice() const;
    void accept() override;

    enum Column { Rep, OnShift, Weight, TerritoryField, TerritoryValues, ColumnCount };

private:
    QStringList problems() const;

    QComboBox *m_mode;
    QSpinBox *m_timeout;
    QTableWidget *m_reps;
    QLabel *m_problems;
};

} // namespace handoff
