#pragma once

// Lead > Find lead…: asks for a lead number, an external id (the CRM export's) or an e-mail
// address, looks it up in the store (indexed: instant on a million leads) and reports the
// lead to open, whether or not it is in a queue. When no lead has that key, it looks for the
// text in every lead's name, company, e-mail, external id and title, whatever the stage
// (accepted, closed, rejected), as the queue search does within a queue. Several matches
// are offered to choose from; none is said plainly.

#include <QObject>

class QAction;
class QWidget;

namespace handoff {

class Console;
class Prompter;

class LeadFinder : public QObject
{
    Q_OBJECT

public:
    LeadFinder(Console &console, Prompter &prompter, QWidget *window);

    QAction *findAction() const { return m_find; }

    // Looks `key` up and opens what it names, asking when several leads match. False when
    // nothing was opened (no match, an unusable key, or the choice was cancelled).
    bool find(const QString &key);

signals:
    void found(qint64 leadId);

private:
    void ask();

    Console &m_console;
    Prompter &m_prompter;
    QWidget *m_window;
    QAction *m_find;
    int m_more = 0; // matches beyond those offered
};

} // namespace handoff
