#include "store/databaselocation.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include "store/error.h"

namespace handoff {

namespace {

// The libpq parameters a console may pass on; host, port, user, password and the database
// have their own place in the address.
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

QString percentEncoded(const QString &text)
{
    return QString::fromLatin1(text.toUtf8().toPercentEncoding());
}

// A host as the address writes it: an IPv6 address in brackets, anything else encoded (a
// socket folder's slashes; what is no host name stays wrong once decoded, and parse says so).
QString hostInAddress(const QString &host)
{
    if (host.contains(QLatin1Char(':')))
        return QLatin1Char('[') + host + QLatin1Char(']');
    return percentEncoded(host);
}

// One part of the address: its raw text and where it starts (0-based) in the address.
struct Part
{
    QString text;
    qsizetype at = 0;
};

// Says what is wrong and where, as people see the address: with the password and every
// setting's value replaced by "***" (a value may be a password under another spelling), and
// positions counted in that shown text.
class Reader
{
public:
    explicit Reader(const QString &uri)
        : m_uri(uri)
    {}

    // [from, to) of the address is not to be shown.
    void hide(qsizetype from, qsizetype to)
    {
        if (to > from)
            m_hidden.append({from, to});
    }

    [[noreturn]] void refuse(qsizetype at, const QString &problem, const QString &whatToDo) const
    {
        // One arg() for all three: the address's own "%2C" must not be taken for a place.
        throw Error(DatabaseLocation::tr("%1: %2 (character %3)")
                        .arg(shown(), problem, QString::number(shownAt(at) + 1)),
                    {}, whatToDo);
    }

    // Percent-decoding that refuses a '%' not followed by two hex digits, text that is not
    // UTF-8 once decoded, and control characters.
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
                refuse(part.at + i,
                       DatabaseLocation::tr(
                           "the %1 has a '%' that is not followed by two hexadecimal digits")
                           .arg(what),
                       DatabaseLocation::tr("write a '%' itself as %25"));
            bytes.append(raw.mid(plainFrom, i - plainFrom).toUtf8());
            bytes.append(char(raw.mid(i + 1, 2).toInt(nullptr, 16)));
            i += 2;
            plainFrom = i + 1;
        }
        bytes.append(raw.mid(plainFrom).toUtf8());
        const QString text = QString::fromUtf8(bytes);
        if (text.toUtf8() != bytes)
            refuse(part.at, DatabaseLocation::tr("the %1 is not UTF-8 once decoded").arg(what), {});
        for (const QChar c : text) {
            if (c.category() == QChar::Other_Control)
                refuse(part.at, DatabaseLocation::tr("the %1 holds a control character").arg(what),
                       {});
        }
        return text;
    }

private:
    QString shown() const
    {
        QString text = m_uri;
        for (qsizetype i = m_hidden.size() - 1; i >= 0; --i) // spans come in address order
            text.replace(m_hidden[i].first, m_hidden[i].second - m_hidden[i].first,
                         QStringLiteral("***"));
        return text;
    }
    qsizetype shownAt(qsizetype at) const
    {
        qsizetype shift = 0;
        for (const auto &[from, to] : m_hidden) {
            if (at >= to)
                shift += (to - from) - 3;
            else if (at >= from)
                return from - shift;
        }
        return at - shift;
    }

    QString m_uri;
    QList<QPair<qsizetype, qsizetype>> m_hidden;
};

} // namespace

bool DatabaseLocation::looksLikeServer(const QString &text)
{
    // A scheme of two letters or more ("C://leads" is a Windows path), or "postgres(ql):"
    // without its slashes, which must not become a file named so either.
    static const QRegularExpression scheme(
        QStringLiteral("\\A(?:[A-Za-z][A-Za-z0-9+.-]+://|postgres(?:ql)?:)"),
        QRegularExpression::CaseInsensitiveOption);
    return scheme.match(text.trimmed()).hasMatch();
}

QString DatabaseLocation::serverUri(const QString &host, int port, const QString &databaseName,
                                    const QString &userName, const std::optional<QString> &password,
                                    const QList<QPair<QString, QString>> &options)
{
    QString uri = QStringLiteral("postgresql://");
    if (!userName.isEmpty() || password) {
        uri += percentEncoded(userName);
        if (password)
            uri += QLatin1Char(':') + percentEncoded(*password);
        uri += QLatin1Char('@');
    }
    uri += hostInAddress(host) + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') +
           percentEncoded(databaseName);
    QStringList settings;
    for (const auto &[name, value] : options)
        settings.append(percentEncoded(name) + QLatin1Char('=') + percentEncoded(value));
    if (!settings.isEmpty())
        uri += QLatin1Char('?') + settings.join(QLatin1Char('&'));
    return uri;
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
    // As libpq splits it: user information up to an '@' before the first '/', the host up
    // to ':', '/' or '?', the database up to '?', then the settings.
    Reader reader(uri);
    const qsizetype schemeEnd = uri.indexOf(QStringLiteral("://"));
    const qsizetype start = schemeEnd < 0 ? uri.indexOf(QLatin1Char(':')) + 1 : schemeEnd + 3;
    const qsizetype firstSlash = uri.indexOf(QLatin1Char('/'), start);
    const qsizetype beforeSlash = firstSlash < 0 ? uri.size() : firstSlash;
    const qsizetype atSign = uri.indexOf(QLatin1Char('@'), start);
    const bool hasUser = atSign >= 0 && atSign < beforeSlash;
    // Hidden before anything is said: a password, and what may be one written wrongly (an
    // '@' or a '/' in it), from the first ':' of the user part up to the last '@' before
    // the settings.
    const qsizetype queryAt = uri.indexOf(QLatin1Char('?'), hasUser ? atSign : start);
    const qsizetype lastAt =
        uri.lastIndexOf(QLatin1Char('@'), queryAt < 0 ? uri.size() - 1 : queryAt - 1);
    const qsizetype colon = uri.indexOf(QLatin1Char(':'), start);
    if (lastAt >= start && colon >= start && colon < lastAt)
        reader.hide(colon + 1, lastAt);
    // Settings' values too, but for those known to hold no secret (as written, so that a
    // "pass%77ord" is hidden as well).
    static const QRegularExpression setting(QStringLiteral("[?&]([^=&]*)=([^&]*)"));
    for (auto it = setting.globalMatch(uri, queryAt < 0 ? uri.size() : queryAt); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.captured(1) != QLatin1String("user") &&
            !knownOptions().contains(match.captured(1)))
            reader.hide(match.capturedStart(2), match.capturedEnd(2));
    }

    if (schemeEnd < 0)
        reader.refuse(start, tr("the address lacks its \"//\""),
                      tr("write it as postgresql://host/database"));
    const QString scheme = uri.left(schemeEnd).toLower();
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))
        reader.refuse(0,
                      tr("\"%1\" is not a kind of database Handoff opens").arg(uri.left(schemeEnd)),
                      tr("give a SQLite file's path, or a PostgreSQL server as "
                         "postgresql://user@host/database"));
    if (lastAt > beforeSlash && (queryAt < 0 || lastAt < queryAt))
        reader.refuse(lastAt, tr("an '@' follows the first '/'"),
                      tr("write a '/' in a user name or password as %2F, an '@' in a database "
                         "name as %40"));
    if (hasUser && lastAt != atSign)
        reader.refuse(atSign, tr("the user part holds more than one '@'"),
                      tr("write an '@' in a user name or password as %40"));

    DatabaseLocation location;
    location.m_kind = Kind::PostgreSql;
    qsizetype at = start;
    if (hasUser) {
        const QString userInfo = uri.mid(at, atSign - at);
        const qsizetype userColon = userInfo.indexOf(QLatin1Char(':'));
        location.m_userName = reader.decode(
            {userColon < 0 ? userInfo : userInfo.left(userColon), at}, tr("user name"));
        if (userColon >= 0)
            location.m_password =
                reader.decode({userInfo.mid(userColon + 1), at + userColon + 1}, tr("password"));
        at = atSign + 1;
    }

    // host[:port]: a name, an IPv6 address in brackets, or a socket folder ("%2Fvar%2Frun")
    const qsizetype end = queryAt < 0 ? uri.size() : queryAt;
    const qsizetype pathAt = uri.indexOf(QLatin1Char('/'), at);
    const qsizetype authorityEnd = pathAt < 0 || pathAt > end ? end : pathAt;
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
        const qsizetype portColon = hostPort.indexOf(QLatin1Char(':'));
        location.m_host =
            reader.decode({portColon < 0 ? hostPort : hostPort.left(portColon), at}, tr("host"));
        if (portColon >= 0)
            portAt = portColon + 1;
        static const QRegularExpression hostName(QStringLiteral("\\A[A-Za-z0-9._-]*\\z"));
        static const QRegularExpression socketFolder(QStringLiteral("\\A/[^\\s;'\\\\]*\\z"));
        if (!hostName.match(location.m_host).hasMatch() &&
            !socketFolder.match(location.m_host).hasMatch())
            reader.refuse(at, tr("\"%1\" is not a host name or address").arg(location.m_host),
                          tr("name the server, or its socket folder as "
                             "%2Fvar%2Frun%2Fpostgresql"));
    }
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

    // /database
    const QString rawName =
        authorityEnd < end ? uri.mid(authorityEnd + 1, end - authorityEnd - 1) : QString();
    if (const qsizetype slash = rawName.indexOf(QLatin1Char('/')); slash >= 0)
        reader.refuse(authorityEnd + 1 + slash, tr("a database name cannot hold a '/'"), {});
    location.m_databaseName = reader.decode({rawName, authorityEnd + 1}, tr("database name"));
    if (location.m_databaseName.isEmpty())
        reader.refuse(end, tr("no database is named"),
                      tr("name it after the server: postgresql://host/handoff"));

    // ?name=value&... (only the values of known settings are repeated in messages)
    qsizetype optionAt = queryAt + 1;
    const QStringList pairs =
        queryAt < 0 ? QStringList() : uri.mid(queryAt + 1).split(QLatin1Char('&'));
    QStringList seen;
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            reader.refuse(optionAt, tr("a setting is not written as name=value"),
                          tr("write settings as ?sslmode=require&connect_timeout=5"));
        const QString name = reader.decode({pair.left(equals), optionAt}, tr("setting's name"));
        const qsizetype valueAt = optionAt + equals + 1;
        const QString value = reader.decode({pair.mid(equals + 1), valueAt}, tr("setting's value"));
        if (seen.contains(name))
            reader.refuse(optionAt, tr("%1 is set twice").arg(name), tr("set it once"));
        seen.append(name);
        if (value.isEmpty())
            reader.refuse(valueAt, tr("%1 has no value").arg(name),
                          tr("give one, or leave it out"));
        if (name == QLatin1String("user")) {
            location.m_userName = value;
        } else if (name == QLatin1String("password")) {
            location.m_password = value;
        } else if (name == QLatin1String("host") || name == QLatin1String("port") ||
                   name == QLatin1String("dbname")) {
            reader.refuse(optionAt, tr("%1 is a part of the address, not a setting").arg(name),
                          tr("write it as postgresql://host:port/dbname"));
        } else if (!knownOptions().contains(name)) {
            reader.refuse(optionAt, tr("\"%1\" is not a setting Handoff passes on").arg(name),
                          tr("use one of: %1").arg(knownOptions().join(QStringLiteral(", "))));
        } else if (name == QLatin1String("sslmode") && !sslModes().contains(value)) {
            reader.refuse(valueAt, tr("\"%1\" is not an SSL mode").arg(value),
                          tr("use one of: %1").arg(sslModes().join(QStringLiteral(", "))));
        } else if (name == QLatin1String("connect_timeout") &&
                   !QRegularExpression(QStringLiteral("\\A[0-9]{1,6}\\z"))
                        .match(value)
                        .hasMatch()) {
            reader.refuse(valueAt,
                          tr("the connect timeout \"%1\" is not a number of seconds").arg(value),
                          {});
        } else if (value.contains(QRegularExpression(QStringLiteral("[\\s;'\\\\=]")))) {
            // The driver joins the settings with spaces and semicolons.
            reader.refuse(
                valueAt,
                tr("the value of %1 holds a space, ';', '=', quote or backslash").arg(name),
                name.startsWith(QLatin1String("ssl")) ? tr("move the file to a path without them")
                                                      : tr("leave them out"));
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

QString DatabaseLocation::shortText() const
{
    if (m_kind == Kind::SqliteFile)
        return QFileInfo(m_filePath).fileName();
    if (m_host.isEmpty() || m_host.startsWith(QLatin1Char('/')))
        return tr("%1 on this computer's server").arg(m_databaseName);
    return tr("%1 on %2").arg(m_databaseName, m_host);
}

QString DatabaseLocation::displayText() const
{
    if (m_kind == Kind::SqliteFile)
        return m_filePath;
    QString text = QStringLiteral("postgresql://");
    if (!m_userName.isEmpty())
        text += percentEncoded(m_userName) + QLatin1Char('@');
    if (m_host.startsWith(QLatin1Char('/')))
        text += percentEncoded(m_host); // a socket folder
    else if (m_host.contains(QLatin1Char(':')))
        text += QLatin1Char('[') + m_host + QLatin1Char(']');
    else
        text += m_host;
    if (m_port != 5432)
        text += QLatin1Char(':') + QString::number(m_port);
    text += QLatin1Char('/') + percentEncoded(m_databaseName);
    if (!m_options.isEmpty()) {
        QStringList parts;
        for (const auto &[key, value] : m_options)
            parts.append(key + QLatin1Char('=') +
                         QString::fromUtf8(value.toUtf8().toPercentEncoding("/:")));
        text += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    }
    return text;
}

QString DatabaseLocation::serverIdentity() const
{
    QString identity;
    if (!m_userName.isEmpty())
        identity += percentEncoded(m_userName) + QLatin1Char('@');
    // Host names ignore case; a socket folder's path does not.
    const QString host = m_host.startsWith(QLatin1Char('/')) ? m_host : m_host.toLower();
    return identity + hostInAddress(host) + QLatin1Char(':') + QString::number(m_port) +
           QLatin1Char('/') + percentEncoded(m_databaseName);
}

} // namespace handoff
