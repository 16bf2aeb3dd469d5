#pragma once

// The one exception the project throws for a failure a person must read: what happened,
// where (a file, a line, a column or a field, a record) and what to do about it, each
// optional. Functions that can fail throw it; functions for which failing is an expected
// answer (reading one value, say) return std::optional instead. The edges (the CLI, the
// windows through Prompter::showError) catch it and show message().

#include <stdexcept>

#include <QString>

namespace handoff {

// (Not nested in Error: GCC cannot take a nested type with member initializers as a
// default argument there.)
// Where an Error happened; every part may be left out.
struct ErrorWhere
{
    QString file;
    qint64 line = 0; // 1-based; 0 when the problem is with the whole file
    QString column;  // a column's or a field's name
    QString record;  // a record the problem is with ("lead 42"), when there is no file
    // Named makers: designated initializers leaving members out warn with GCC.
    static ErrorWhere inFile(QString file, qint64 line = 0, QString column = {});
    static ErrorWhere forRecord(QString record);

    bool isEmpty() const;
    QString text() const; // "leads.csv, line 7, column Email"
};

class Error : public std::runtime_error
{
public:
    using Where = ErrorWhere;

    explicit Error(QString what, Where where = {}, QString whatToDo = {});

    const QString &problem() const { return m_what; }
    const Where &where() const { return m_where; }
    const QString &whatToDo() const { return m_whatToDo; }

    // As people read it: "leads.csv, line 7: a quoted field is never closed; close it".
    QString message() const { return m_message; }

    static QString compose(const QString &what, const Where &where, const QString &whatToDo);

private:
    QString m_what;
    Where m_where;
    QString m_whatToDo;
    QString m_message; // composed once: std::runtime_error keeps a copy for what()
};

} // namespace handoff
