#pragma once

// The one exception the store layer throws: a message a person can act on, naming the file
// and the problem. Callers at the edges (CLI, windows) catch it and show what() to the user.

#include <stdexcept>

#include <QString>

namespace handoff {

class StoreError : public std::runtime_error
{
public:
    explicit StoreError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {}

    QString message() const { return m_message; }

private:
    QString m_message;
};

} // namespace handoff
