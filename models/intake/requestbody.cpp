#include "intake/requestbody.h"

#include <cmath>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QUrlQuery>

#include "intake/intakerejection.h"

namespace handoff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RequestBody", text);
}

// A JSON scalar as a field's text; false for objects and lists.
bool scalarText(const QJsonValue &value, QString &text)
{
    switch (value.type()) {
    case QJsonValue::String:
        text = value.toString();
        return true;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Whole numbers (ids, millisecond times) without an exponent or a ".0". The range
        // comes first: converting a larger double to an integer is undefined (the fuzzer
        // found it with a "submittedAt" of 6e32).
        text = std::abs(number) < 9.0e15 && number == std::trunc(number)
                   ? QString::number(qint64(number))
                   : QString::number(number, 'g', 17);
        return true;
    }
    case QJsonValue::Bool:
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return true;
    case QJsonValue::Null:
        text = QString();
        return true;
    default:
        return false;
    }
}

class Collector
{
public:
    Collector(BodyFields &out, const IntakeLimits &limits)
        : m_out(out)
        , m_limits(limits)
    {}

    void add(const QString &name, const QString &value)
    {
        if (m_out.fields.size() >= m_limits.maxFields)
            throw IntakeRejection(422,
                                  tr("the body has more than %1 fields").arg(m_limits.maxFields));
        if (name.isEmpty())
            throw IntakeRejection(422, tr("a field has no name"));
        if (name.size() > m_limits.maxNameLength)
            throw IntakeRejection(422, tr("a field's name is longer than %1 characters: '%2…'")
                                           .arg(m_limits.maxNameLength)
                                           .arg(name.left(40)));
        if (value.size() > m_limits.maxValueLength)
            throw IntakeRejection(422,
                                  tr("field '%1' is longer than %2 characters")
                                      .arg(name)
                                      .arg(m_limits.maxValueLength),
                                  name);
        for (const QChar c : name + value) {
            if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') &&
                c != QLatin1Char('\r'))
                throw IntakeRejection(422,
                                      tr("field '%1' holds a control character (U+%2)")
                                          .arg(name.left(40))
                                          .arg(c.unicode(), 4, 16, QLatin1Char('0')),
                                      name);
        }
        m_out.fields.append({name, value});
    }

    // The members of `object` that are scalars, by name; the others noted as nested, or,
    // where `unwrapValue`, an object's "value" member (HubSpot's {"value": ...}).
    void addMembers(const QJsonObject &object, bool unwrapValue = false)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            QString text;
            QJsonValue value = it.value();
            if (unwrapValue && value.isObject() &&
                value.toObject().contains(QStringLiteral("value")))
                value = value.toObject().value(QStringLiteral("value"));
            if (scalarText(value, text))
                add(it.key(), text);
            else
                m_out.nested.insert(it.key());
        }
    }

private:
    BodyFields &m_out;
    const IntakeLimits &m_limits;
};

QJsonObject jsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw IntakeRejection(400, tr("the body is not valid JSON: %1 at byte %2")
                                       .arg(error.errorString())
                                       .arg(error.offset + 1));
    if (!document.isObject())
        throw IntakeRejection(400, tr("the body is JSON but not an object ({...})"));
    return document.object();
}

void readJson(IntakeKind kind, const QByteArray &body, Collector &collect)
{
    QJsonObject object = jsonObject(body);
    switch (kind) {
    case IntakeKind::Form:
        collect.addMembers(object);
        return;
    case IntakeKind::HubSpot: {
        // The top level's own values (objectId, eventId, submittedAt), then the contact's
        // properties or the submission's fields, then the page the form was on.
        collect.addMembers(object);
        if (object.value(QStringLiteral("properties")).isObject())
            collect.addMembers(object.value(QStringLiteral("properties")).toObject(), true);
        const QJsonValue fields = object.value(QStringLiteral("fields"));
        if (fields.isArray()) {
            for (const QJsonValue &entry : fields.toArray()) {
                const QJsonObject field = entry.toObject();
                QString text;
                if (!field.value(QStringLiteral("name")).isString() ||
                    !scalarText(field.value(QStringLiteral("value")), text))
                    throw IntakeRejection(
                        422, tr("an entry of 'fields' is not {\"name\": ..., \"value\": ...}"),
                        QStringLiteral("fields"));
                collect.add(field.value(QStringLiteral("name")).toString(), text);
            }
        }
        if (object.value(QStringLiteral("context")).isObject())
            collect.addMembers(object.value(QStringLiteral("context")).toObject());
        return;
    }
    case IntakeKind::Marketo: {
        const QJsonValue result = object.value(QStringLiteral("result"));
        if (result.isArray()) {
            if (result.toArray().size() != 1)
                throw IntakeRejection(422,
                                      tr("'result' holds %1 leads; send one lead a request")
                                          .arg(result.toArray().size()),
                                      QStringLiteral("result"));
            object = result.toArray().first().toObject();
        } else if (object.value(QStringLiteral("lead")).isObject()) {
            object = object.value(QStringLiteral("lead")).toObject();
        }
        collect.addMembers(object);
        return;
    }
    }
}

void readFormEncoded(const QByteArray &body, Collector &collect)
{
    // Percent-decoding first, then UTF-8: an invalid sequence is refused, not replaced.
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const auto decode = [](QByteArray part) {
            part.replace('+', ' ');
            const QByteArray bytes = QByteArray::fromPercentEncoding(part);
            QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            QString text = utf8.decode(bytes);
            if (utf8.hasError())
                throw IntakeRejection(400, tr("the form-encoded body is not UTF-8"));
            return text;
        };
        collect.add(decode(pair.left(equals < 0 ? pair.size() : equals)),
                    equals < 0 ? QString() : decode(pair.mid(equals + 1)));
    }
}

} // namespace

QString BodyFields::value(const QString &name) const
{
    for (const auto &[fieldName, text] : fields) {
        if (fieldName == name)
            return text.isNull() ? QStringLiteral("") : text;
    }
    return {};
}

bool BodyFields::contains(const QString &name) const
{
    return std::any_of(fields.cbegin(), fields.cend(),
                       [&](const auto &field) { return field.first == name; });
}

BodyFields readBody(IntakeKind kind, const QByteArray &contentType, const QByteArray &body,
                    const IntakeLimits &limits)
{
    if (body.size() > limits.maxBodyBytes)
        throw IntakeRejection(413, tr("the body is %1 bytes; the most a request may send is %2")
                                       .arg(body.size())
                                       .arg(limits.maxBodyBytes));
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    BodyFields out;
    Collector collect(out, limits);
    if (type == "application/json")
        readJson(kind, body, collect);
    else if (type == "application/x-www-form-urlencoded" && kind == IntakeKind::Form)
        readFormEncoded(body, collect);
    else
        throw IntakeRejection(415,
                              kind == IntakeKind::Form
                                  ? tr("Content-Type '%1' is not read; send application/json or "
                                       "application/x-www-form-urlencoded")
                                        .arg(QString::fromLatin1(type.left(80)))
                                  : tr("Content-Type '%1' is not read; send application/json")
                                        .arg(QString::fromLatin1(type.left(80))));
    return out;
}

} // namespace handoff
