#pragma once

// The selected lead: who they are and why they have their score, fit rule by fit rule and
// activity type by activity type, with decay and caps, adding up to the total.

#include <QWidget>

#include "scorebreakdown.h"

class QLabel;
class QTreeWidget;
struct Lead;

class LeadPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LeadPanel(QWidget *parent = nullptr);

    void showLead(const Lead &lead, const ScoreBreakdown &breakdown);
    void clear();

private:
    QLabel *m_heading;
    QLabel *m_summary;
    QTreeWidget *m_breakdown;
};
