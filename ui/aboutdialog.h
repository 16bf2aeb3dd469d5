#pragma once

// Help > About: which Handoff this is, and which database the window works on (where it is,
// and its schema version), for a support question or a bug report.

#include <QDialog>

namespace handoff {

class Database;

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(const Database &database, QWidget *parent = nullptr);
};

} // namespace handoff
