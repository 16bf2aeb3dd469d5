#pragma once

// A few lines of free text, such as a proposal's rationale, typed in a box that wraps long
// lines at its width so the whole text stays readable while it is written (the standard
// multi-line input dialog does not wrap).

#include <QDialog>

class QPlainTextEdit;

namespace handoff {

class TextDialog : public QDialog
{
    Q_OBJECT

public:
    TextDialog(const QString &title, const QString &label, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_text; }
    QString text() const;

private:
    QPlainTextEdit *m_text;
};

} // namespace handoff
