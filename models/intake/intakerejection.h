#pragma once

// Why the intake refuses a request: the HTTP status, the field it is about (if any) and a
// message that says what is wrong and where, given back as the 4xx answer's body.

#include <stdexcept>

#include <QString>

namespace handoff {

class IntakeRejection : public std::runtime_error
{
public:
    IntakeRejection(int status, QString message, QString field = {})
        : std::runtime_error(message.toStdString())
        , m_status(status)
        , m_message(std::move(message))
        , m_field(std::move(field))
    {}
    int status() const { return m_status; }
    const QString &message() const { return m_message; }
    const QString &field() const { return m_field; }

private:
    int m_status;
    QString m_message;
    QString m_field;
};

} // namespace handoff
