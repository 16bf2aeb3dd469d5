#pragma once

// The qualification details sales records with a lead: goals and challenges, authority,
// timeline, budget and the fast-track answers. Editable by sales; each save is an undoable
// step on the window's undo stack and lands in the audit trail. What was typed is never
// dropped: showing another lead (or the same one again, after an action) saves it first.

#include <QWidget>

#include "store/qualificationrepository.h"

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QUndoStack;

namespace handoff {

class Console;

class QualificationForm : public QWidget
{
    Q_OBJECT

public:
    QualificationForm(Console &console, QUndoStack *undo, QWidget *parent = nullptr);

    // Saves any unsaved edits of the lead shown, then shows `leadId`.
    void showLead(qint64 leadId);
    Qualification edited() const;
    // Typed and not saved yet.
    bool hasUnsavedEdits() const;
    // Saves the unsaved edits now (an undoable step); false when there were none.
    bool saveEdits();

signals:
    void saved(const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

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
    QFormLayout *m_form;
};

} // namespace handoff
