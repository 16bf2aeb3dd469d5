#pragma once

// The File menu's choice of lead database: New database… creates an empty Handoff database
// in a file that does not exist yet (the store call `handoff init` makes; an existing file is
// never touched), Open database… picks an existing one. The chosen file is handed on
// (chosen()) for a console window of its own to open: the window that asked keeps its
// database, its edits and its layout. Connect to a team server… is only asked for here
// (serverWanted()): who opens windows owns the keyring that dialog needs (ServerConnect).

#include <QObject>

class QAction;
class QWidget;

namespace handoff {

class Prompter;

class DatabaseFiles : public QObject
{
    Q_OBJECT

public:
    // `currentPath`: the database the window works on (where new files are suggested).
    DatabaseFiles(QString currentPath, Prompter &prompter, QWidget *window);

    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *connectAction() const { return m_connect; }

    // Creates an empty database at `path` and hands it on; refuses a file that exists.
    bool createDatabase(const QString &path);
    // Hands on an existing file to open; refuses one that does not exist.
    bool openDatabase(const QString &path);

signals:
    // `created`: the file is a new, empty database.
    void chosen(const QString &path, bool created);
    // File > Connect to a team server… was asked for.
    void serverWanted();

private:
    QString suggestedNewPath() const;

    QString m_path;
    Prompter &m_prompter;
    QWidget *m_window;
    QAction *m_new;
    QAction *m_open;
    QAction *m_connect;
};

} // namespace handoff
