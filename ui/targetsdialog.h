#pragma once

// Edits the targets the weekly meeting holds the figures against (SLA minutes, MQL volume,
// accept rate, marketing share band) with a note saying why they changed. OK stays on the
// dialog and names every problem until the values can be saved; the caller saves them as a
// new version.

#include <QDialog>

#include "meetingtargets.h"

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class TargetsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TargetsDialog(const MeetingTargets &current, QWidget *parent = nullptr);

    // The values as entered; version, setBy and setAt are left for the repository.
    MeetingTargets targets() const;

    void accept() override;

private:
    MeetingTargets m_current;
    QSpinBox *m_sla;
    QSpinBox *m_mqls;
    QDoubleSpinBox *m_accept;
    QDoubleSpinBox *m_shareLow;
    QDoubleSpinBox *m_shareHigh;
    QLineEdit *m_note;
    QLabel *m_problems;
};
