#pragma once

// Edits the targets the weekly meeting holds the figures against (SLA minutes, MQL volume,
// accept rate, marketing share band) with a note saying why they changed. OK stays on the
// dialog and names every problem until the values can be saved; the caller saves them as a
// new version.

#include <QDialog>

#include "store/meetingtargets.h"

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace handoff {

class TargetsDialog : public QDialog
{
    Q_OBJECT

public:
    // `history`: every saved version, shown newest first below the form.
    explicit TargetsDialog(const MeetingTargets &current, const QList<MeetingTargets> &history = {},
                           QWidget *parent = nullptr);

    // The values as entered; version, setBy and setAt are left for the repository.
    MeetingTargets targets() const;

    void accept() override;

private:
    static QTableWidget *historyTable(const QList<MeetingTargets> &history, QWidget *parent);

    MeetingTargets m_current;
    QSpinBox *m_sla;
    QSpinBox *m_mqls;
    QDoubleSpinBox *m_accept;
    QDoubleSpinBox *m_shareLow;
    QDoubleSpinBox *m_shareHigh;
    QLineEdit *m_note;
    QLabel *m_problems;
};

} // namespace handoff
