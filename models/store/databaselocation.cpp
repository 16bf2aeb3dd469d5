#include "store/databaselocation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include "store/error.h"

namespace handoff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DatabaseLocation", text);
}

// The libpq parameters a console may pass on; the rest (host, port, user, password, dbname)
// have their own place in the URI.
const QStringList &knownOptions()
{
    static const QStringList names{
        QStringLiteral("sslmode"),          QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),          QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),           QStringLiteral("connect_timeout"),
        QStringLiteral("application_name"), QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"),  QStringLiteral("target_session_attrs")};
    return names;
}

const QStringList &sslModes()
{
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

// Reads one part of the URI: its text, where it starts (0-based) and the URI it came from,
// for messages that say which character is wrong.
struct Part
{
    QString text;
    qsizetype at = 0;
};

class Reader
{
public:
    explicit Reader(QString uri, QString shown)
        : m_uri(std::move(uri))
        , m_shown(std::move(shown))
    {}

    [[noreturn]] void refuse(qsizetype at, const QString &problem, const QString &whatToDo) const
    {
        throw Error(tr("%1: %2 (character %3)").arg(m_shown, problem).arg(at + 1), {}, whatToDo);
    }

    // Percent-decoding that refuses a '%' not followed by two hex digits, and text that is
    // not UTF-8 once decoded.
    QString decode(const Part &part, const QString &what) const
    {
        const QString &raw = part.text;
        const auto hex = [&raw](qsizetype at) {
            if (at >= raw.size())
                return false;
            const char16_t c = raw[at].unicode();
            return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        };
        QByteArray bytes;
        qsizetype plainFrom = 0; // text without '%' is taken as it is, a run at a time
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] != QLatin1Char('%'))
                continue;
            if (!hex(i + 1) || !hex(i + 2))
                refuse(
                    part.at + i,
                    tr("the %1 has a '%' that is not followed by two hexadecimal digits").arg(what),
                    tr("write a '%' itself as %25"));
            bytes.append(raw.mid(plainFrom, i - plainFrom).toUtf8());
            bytes.append(char(raw.mid(i + 1, 2).toInt(nullptr, 16)));
            i += 2;
            plainFrom = i + 1;
        }
        bytes.append(raw.mid(plainFrom).toUtf8());
        const QString text = QString::fromUtf8(bytes);
        if (text.toUtf8() != bytes)
            refuse(part.at, tr("the %1 is not UTF-8 once decoded").arg(what), {});
        for (const QChar c : text) {
            if (c.category() == QChar::Other_Control)
                refuse(part.at, tr("the %1 holds a control character").arg(what), {});
        }
        return text;
    }

private:
    QString m_uri;
    QString m_shown;
};

} // namespace

bool DatabaseLocation::looksLikeServer(const QString &text)
{
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    return scheme.match(text.trimmed()).hasMatch();
}

DatabaseLocation DatabaseLocation::parse(const QString &text)
{
    if (looksLikeServer(text))
        return parseServer(text.trimmed());
    if (text.trimmed().isEmpty())
        throw Error(tr("no database was named"), {},
                    tr("give a SQLite file's path or a postgresql:// address"));
    DatabaseLocation location;
    location.m_filePath = text;
    return location;
}

DatabaseLocation DatabaseLocation::parseServer(const QString &uri)
{
    const qsizetype schemeEnd = uri.indexOf(QStringLiteral("://"));
    const QString scheme = uri.left(schemeEnd).toLower();
    // Messages show the address without what follows a ':' in the user part (a password).
    const qsizetype userEnd = uri.indexOf(QLatin1Char('@'), schemeEnd + 3);
    const qsizetype slashAfterHost = uri.indexOf(QLatin1Char('/'), schemeEnd + 3);
    QString shown = uri;
    const bool userPart = userEnd >= 0 && (slashAfterHost < 0 || userEnd < slashAfterHost);
    if (userPart) {
        const qsizetype colon = uri.indexOf(QLatin1Char(':'), schemeEnd + 3);
        if (colon >= 0 && colon < userEnd)
            shown = uri.left(colon) + QStringLiteral(":***") + uri.mid(userEnd);
    }
    static const QRegularExpression passwordSetting(QStringLiteral("([?&]password=)[^&]*"));
    shown.replace(passwordSetting, QStringLiteral("\\1***"));
    const Reader reader(uri, shown);
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))
        reader.refuse(0,
                      tr("\"%1\" is not a kind of database Handoff opens").arg(uri.left(schemeEnd)),
                      tr("give a SQLite file's path, or a PostgreSQL server as "
                         "postgresql://user@host/database"));

    DatabaseLocation location;
    location.m_kind = Kind::PostgreSql;
    qsizetype at = schemeEnd + 3;
    const qsizetype queryAt = uri.indexOf(QLatin1Char('?'), at);
    const qsizetype end = queryAt < 0 ? uri.size() : queryAt;
    const qsizetype pathAt = uri.indexOf(QLatin1Char('/'), at);
    const qsizetype authorityEnd = pathAt < 0 || pathAt > end ? end : pathAt;

    // user[:password]@
    const qsizetype atSign = uri.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    if (atSign >= at) {
        const QString userInfo = uri.mid(at, atSign - at);
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
        location.m_userName =
            reader.decode({colon < 0 ? userInfo : userInfo.left(colon), at}, tr("user name"));
        if (colon >= 0)
            location.m_password =
                reader.decode({userInfo.mid(colon + 1), at + colon + 1}, tr("password"));
        at = atSign + 1;
    }

    // host[:port], the host an IPv6 address in brackets or a name
    const QString hostPort = uri.mid(at, authorityEnd - at);
    if (hostPort.contains(QLatin1Char(',')))
        reader.refuse(at + hostPort.indexOf(QLatin1Char(',')), tr("several servers are named"),
                      tr("name one server"));
    qsizetype portAt = -1;
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close < 0)
            reader.refuse(at, tr("the IPv6 address's '[' is never closed"),
                          tr("write it as [::1]"));
        location.m_host = hostPort.mid(1, close - 1);
        static const QRegularExpression v6(QStringLiteral("\\A[0-9A-Fa-f:.]+\\z"));
        if (!v6.match(location.m_host).hasMatch())
            reader.refuse(at + 1, tr("\"%1\" is not an IPv6 address").arg(location.m_host),
                          tr("write it as [::1]"));
        if (close + 1 < hostPort.size()) {
            if (hostPort[close + 1] != QLatin1Char(':'))
                reader.refuse(at + close + 1, tr("only a port may follow the IPv6 address"),
                              tr("write it as [::1]:5432"));
            portAt = close + 2;
        }
    } else {
        const qsizetype colon = hostPort.indexOf(QLatin1Char(':'));
        location.m_host =
            reader.decode({colon < 0 ? hostPort : hostPort.left(colon), at}, tr("host"));
        if (colon >= 0)
            portAt = colon + 1;
    }
    // A name or IPv4 address, an IPv6 address (above), or a socket folder ("%2Fvar%2Frun").
    static const QRegularExpression hostName(QStringLiteral("\\A[A-Za-z0-9._-]*\\z"));
    static const QRegularExpression socketFolder(QStringLiteral("\\A/[^\\s;'\\\\]*\\z"));
    if (!hostPort.startsWith(QLatin1Char('[')) && !hostName.match(location.m_host).hasMatch() &&
        !socketFolder.match(location.m_host).hasMatch())
        reader.refuse(at, tr("\"%1\" is not a host name or address").arg(location.m_host),
                      tr("name the server, or its socket folder as %2Fvar%2Frun%2Fpostgresql"));
    if (portAt >= 0) {
        static const QRegularExpression digits(QStringLiteral("\\A[0-9]{1,5}\\z"));
        const QString port = hostPort.mid(portAt);
        const int value = digits.match(port).hasMatch() ? port.toInt() : 0;
        if (value < 1 || value > 65535)
            reader.refuse(at + portAt,
                          tr("the port \"%1\" is not a number from 1 to 65535").arg(port),
                          tr("leave it out for PostgreSQL's usual 5432"));
        location.m_port = value;
    }

    // /dbname
    if (authorityEnd < end)
        location.m_databaseName =
            reader.decode({uri.mid(authorityEnd + 1, end - authorityEnd - 1), authorityEnd + 1},
                          tr("database name"));
    if (location.m_databaseName.isEmpty())
        reader.refuse(end, tr("no database is named"),
                      tr("name it after the server: postgresql://host/handoff"));
    if (location.m_databaseName.contains(QLatin1Char('/')))
        reader.refuse(authorityEnd + 1 + location.m_databaseName.indexOf(QLatin1Char('/')),
                      tr("a database name cannot hold a '/'"), {});

    // ?name=value&...
    qsizetype optionAt = queryAt + 1;
    const QStringList pairs =
        queryAt < 0 ? QStringList() : uri.mid(queryAt + 1).split(QLatin1Char('&'));
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (pair.isEmpty() || equals <= 0)
            reader.refuse(optionAt, tr("\"%1\" is not a name=value setting").arg(pair),
                          tr("write settings as ?sslmode=require&connect_timeout=5"));
        const QString name = reader.decode({pair.left(equals), optionAt}, tr("setting's name"));
        const QString value =
            reader.decode({pair.mid(equals + 1), optionAt + equals + 1}, tr("setting's value"));
        if (name == QLatin1String("user")) {
            location.m_userName = value;
        } else if (name == QLatin1String("password")) {
            location.m_password = value;
        } else if (!knownOptions().contains(name)) {
            reader.refuse(optionAt, tr("\"%1\" is not a setting Handoff passes on").arg(name),
                          tr("use one of: %1").arg(knownOptions().join(QStringLiteral(", "))));
        } else if (name == QLatin1String("sslmode") && !sslModes().contains(value)) {
            reader.refuse(optionAt + equals + 1, tr("\"%1\" is not an SSL mode").arg(value),
                          tr("use one of: %1").arg(sslModes().join(QStringLiteral(", "))));
        } else if (name == QLatin1String("connect_timeout") &&
                   !QRegularExpression(QStringLiteral("\\A[0-9]{1,6}\\z"))
                        .match(value)
                        .hasMatch()) {
            reader.refuse(optionAt + equals + 1,
                          tr("the connect timeout \"%1\" is not a number of seconds").arg(value),
                          {});
        } else if (value.contains(QRegularExpression(QStringLiteral("[\\s;'\\\\]")))) {
            // The driver joins the settings with spaces and semicolons.
            reader.refuse(optionAt + equals + 1,
                          tr("the value of %1 holds a space, ';', quote or backslash").arg(name),
                          tr("move the file to a path without them"));
        } else {
            location.m_options.append({name, value});
        }
        optionAt += pair.size() + 1;
    }
    return location;
}

QString DatabaseLocation::option(const QString &name) const
{
    for (const auto &[key, value] : m_options) {
        if (key == name)
            return value;
    }
    return {};
}

QString DatabaseLocation::driverOptions() const
{
    QStringList parts;
    for (const auto &[key, value] : m_options)
        parts.append(key + QLatin1Char('=') + value);
    return parts.join(QLatin1Char(';'));
}

QString DatabaseLocation::displayText() const
{
    if (m_kind == Kind::SqliteFile)
        return m_filePath;
    const auto encode = [](const QString &text) {
        return QString::fromUtf8(text.toUtf8().toPercentEncoding());
    };
    QString text = QStringLiteral("postgresql://");
    if (!m_userName.isEmpty())
        text += encode(m_userName) + QLatin1Char('@');
    if (m_host.contains(QLatin1Char(':')))
        text += QLatin1Char('[') + m_host + QLatin1Char(']');
    else
        text += m_host.startsWith(QLatin1Char('/')) ? encode(m_host) : m_host;
    if (m_port != 5432)
        text += QLatin1Char(':') + QString::number(m_port);
    text += QLatin1Char('/') + encode(m_databaseName);
    if (!m_options.isEmpty()) {
        QStringList parts;
        for (const auto &[key, value] : m_options)
            parts.append(key + QLatin1Char('=') + encode(value));
        text += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    }
    return text;
}

} // namespace handoff
