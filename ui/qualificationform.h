#pragma once

// The qualification details sales records with a lead: goals and challenges, authority,
// timeline, budget and the fast-track answers. Editable by sales; each save is an undoable
// step on the window's undo stack and lands in the audit trail.

#include <QWidget>

#include "qualificationrepository.h"

class Console;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QUndoStack;

class QualificationForm : public QWidget
{
    Q_OBJECT

public:
    QualificationForm(Console &console, QUndoStack *undo, QWidget *parent = nullptr);

    void showLead(qint64 leadId);
    Qualification edited() const;

signals:
    void saved(const QString &message);

private:
    void load(const Qualification &details);
    void save();
    void updateState();

    Console &m_console;
    QUndoStack *m_undo;
    qint64 m_leadId = 0;
    Qualification m_stored;
    QPlainTextEdit *m_goals;
    QLineEdit *m_authority;
    QLineEdit *m_timeline;
    QLineEdit *m_budget;
    QLineEdit *m_signupReason;
    QLineEdit *m_neededBy;
    QLabel *m_status;
    QPushButton *m_save;
};
