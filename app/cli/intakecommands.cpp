// `handoff serve`: the intake service, taking hand-raisers in over HTTP as they happen; and
// `handoff intake`: the sources allowed to post to it.

#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <csignal>
#include <unistd.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QSslKey>
#include <QThread>
#include <QTimer>

#include "cli/cli.h"
#include "intake/dropfolder.h"
#include "intake/fieldmapping.h"
#include "intake/intakehttpserver.h"
#include "intake/intakeservice.h"
#include "queues/routingdesk.h"
#include "store/database.h"
#include "store/error.h"
#include "store/intakerepository.h"

namespace handoff {

using namespace commandsupport;

namespace {

// SIGINT and SIGTERM end the event loop between requests, so none is cut off half-written.
int stopPipe[2] = {-1, -1};

void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(stopPipe[1], &byte, 1);
}

void quitOnStopSignals(QObject *context)
{
    if (::pipe(stopPipe) != 0)
        throw Error(tr("cannot watch for the stop signals"));
    auto *notifier = new QSocketNotifier(stopPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(),
                     &QCoreApplication::quit);
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

std::pair<QHostAddress, quint16> listenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon < 0 ? 0 : text.mid(colon + 1).toUInt(&portOk);
    QString host = colon < 0 ? QString() : text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address(host == u"localhost" ? QStringLiteral("127.0.0.1") : host);
    if (address.isNull() || !portOk || port > 65535)
        throw UsageError(
            tr("--listen must be ADDRESS:PORT, such as 127.0.0.1:8080, not '%1'").arg(text));
    return {address, quint16(port)};
}

QSslConfiguration tlsFrom(const QString &certificatePath, const QString &keyPath)
{
    QSslConfiguration tls;
    if (certificatePath.isEmpty() && keyPath.isEmpty())
        return tls;
    if (certificatePath.isEmpty() || keyPath.isEmpty())
        throw UsageError(tr("--certificate and --key go together"));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificatePath);
    if (chain.isEmpty())
        throw Error(tr("%1: holds no PEM certificate").arg(certificatePath));
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        throw Error(tr("%1: cannot be read: %2").arg(keyPath, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Rsa);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec);
    if (key.isNull())
        throw Error(tr("%1: holds no unencrypted PEM RSA or EC private key").arg(keyPath));
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    return tls;
}

// The drop folder on a thread and a connection of its own: a large export being imported
// does not hold up the requests.
class DropFolderThread : public QThread
{
public:
    DropFolderThread(QString location, QString folder)
        : m_location(std::move(location))
        , m_folder(std::move(folder))
    {}

private:
    void run() override
    {
        try {
            Database db(m_location, Database::Open::Existing);
            DropFolder folder(db, m_folder);
            QObject::connect(
                &folder, &DropFolder::taken,
                [](const QString &name, bool imported, const QString &movedTo) {
                    qCInfo(intakeLog, "drop folder: %s %s, moved to %s", qUtf8Printable(name),
                           imported ? "imported" : "not imported", qUtf8Printable(movedTo));
                });
            folder.start();
            exec();
        } catch (const Error &e) {
            qCCritical(intakeLog, "drop folder: %s", qUtf8Printable(e.message()));
        }
    }

    QString m_location;
    QString m_folder;
};

QString newSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The first line of `path` ("-": standard input), without its line end: a secret kept out of
// the command line, where other users of the machine could read it.
QString secretFromFile(const QString &path)
{
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                     : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        throw UsageError(tr("--secret-file: %1 cannot be read: %2").arg(path, file.errorString()));
    return QString::fromUtf8(file.readLine(4096)).trimmed();
}

QString endpointOf(const IntakeSource &source)
{
    const QString kind = source.kind == IntakeKind::Form ? QStringLiteral("forms")
                                                         : intakekind::toString(source.kind);
    return QStringLiteral("/v1/%1/%2").arg(kind, source.name);
}

} // namespace

namespace commands {

int serve(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({
        {QStringLiteral("db"), tr("The database the consoles use (a file or postgresql://...)."),
         QStringLiteral("FILE|URL")},
        {QStringLiteral("listen"),
         tr("The address and port to listen on (default 127.0.0.1:8080)."),
         QStringLiteral("ADDRESS:PORT")},
        {QStringLiteral("certificate"), tr("A PEM certificate (chain): serve over TLS."),
         QStringLiteral("FILE")},
        {QStringLiteral("key"), tr("The certificate's PEM private key."), QStringLiteral("FILE")},
        {QStringLiteral("public-url"),
         tr("The address senders call when a proxy stands in front (HubSpot signs it)."),
         QStringLiteral("URL")},
        {QStringLiteral("drop-folder"),
         tr("A folder to watch for CSV exports: each new file is imported, then moved to done/ "
            "or failed/ with a report."),
         QStringLiteral("DIR")},
    });
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const auto [address, port] = listenAddress(parser.value(QStringLiteral("listen")).isEmpty()
                                                   ? QStringLiteral("127.0.0.1:8080")
                                                   : parser.value(QStringLiteral("listen")));
    const QSslConfiguration tls =
        tlsFrom(parser.value(QStringLiteral("certificate")), parser.value(QStringLiteral("key")));
    const QUrl publicUrl(parser.value(QStringLiteral("public-url")), QUrl::StrictMode);
    if (parser.isSet(QStringLiteral("public-url")) &&
        (!publicUrl.isValid() || publicUrl.host().isEmpty()))
        throw UsageError(tr("--public-url must be an address such as https://intake.example.com, "
                            "not '%1'")
                             .arg(parser.value(QStringLiteral("public-url"))));

    const QString dropFolder = parser.value(QStringLiteral("drop-folder"));
    if (!dropFolder.isEmpty() && !QFileInfo(dropFolder).isDir())
        throw UsageError(tr("--drop-folder: %1 is not a folder").arg(dropFolder));
    Database db(requiredDb(parser), Database::Open::Existing);
    IntakeService service(db);
    IntakeHttpServer server(service, IntakeLimits{});
    if (publicUrl.isValid())
        server.setPublicUrl(publicUrl);
    const quint16 bound = server.listen(address, port, tls);
    const QList<IntakeSource> sources = IntakeRepository(db.connection()).sources();
    io.out << QCoreApplication::translate("commands",
                                          "handoff serve: %1 on %2://%3:%4 with %n source(s)\n",
                                          nullptr, int(sources.size()))
                  .arg(db.filePath(),
                       tls.localCertificate().isNull() ? QStringLiteral("http")
                                                       : QStringLiteral("https"),
                       address.toString())
                  .arg(bound);
    if (sources.isEmpty())
        io.out << tr("  no source may post yet; add one with handoff intake --db %1 add NAME\n")
                      .arg(db.filePath());
    for (const IntakeSource &s : sources)
        io.out << "  POST " << endpointOf(s) << '\n';
    DropFolderThread dropThread(db.location(), dropFolder);
    if (!dropFolder.isEmpty()) {
        io.out
            << tr("  watching %1 for CSV exports\n").arg(QFileInfo(dropFolder).absoluteFilePath());
        dropThread.start();
    }
    io.out.flush();
    // Routing and the SLA ladder run here too, so hand-raisers are assigned and escalated
    // while no sales desk is open. The log names handoffs and reps, never the lead.
    RoutingDesk routing(db, QStringLiteral("intake service"), RoutingDesk::Role::Dispatch,
                        [] { return QDateTime::currentSecsSinceEpoch(); });
    QObject::connect(&routing, &RoutingDesk::told, [](const QList<RoutingEvent> &events) {
        for (const RoutingEvent &event : events)
            qCInfo(intakeLog, "routing: handoff %lld %s %s", event.handoffId,
                   qUtf8Printable(RoutingEvent::kindName(event.kind)), qUtf8Printable(event.rep));
    });
    QObject::connect(&routing, &RoutingDesk::failed, [](const QString &message) {
        qCWarning(intakeLog, "routing: %s", qUtf8Printable(message));
    });
    routing.start(1000);
    // Old idempotency keys are forgotten now and every hour.
    const auto forgetOldKeys = [&service] {
        try {
            if (const qint64 forgotten = service.forgetOldKeys(QDateTime::currentSecsSinceEpoch()))
                qCInfo(intakeLog, "forgot %lld request keys older than %lld days", forgotten,
                       IntakeService::KeyKeptDays);
        } catch (const Error &e) {
            qCWarning(intakeLog, "forgetting old request keys: %s", qUtf8Printable(e.message()));
        }
    };
    forgetOldKeys();
    QTimer keyForgetter;
    QObject::connect(&keyForgetter, &QTimer::timeout, forgetOldKeys);
    keyForgetter.start(3600 * 1000);
    QObject lifetime;
    quitOnStopSignals(&lifetime);
    QCoreApplication::exec();
    dropThread.quit();
    dropThread.wait();
    io.out << tr("handoff serve: stopped\n");
    return cli::Success;
}

int intake(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({
        {QStringLiteral("db"), tr("The database (a file or postgresql://...)."),
         QStringLiteral("FILE|URL")},
        {QStringLiteral("kind"), tr("add: what posts: form (default), hubspot or marketo."),
         QStringLiteral("KIND")},
        {QStringLiteral("secret"),
         tr("add: the shared secret (token and HMAC key); a new random one when not given. "
            "Other users can see a command line: prefer --secret-file."),
         QStringLiteral("SECRET")},
        {QStringLiteral("secret-file"),
         tr("add: read the shared secret from the first line of FILE (- for standard input)."),
         QStringLiteral("FILE")},
        {QStringLiteral("request"),
         tr("add: what a submission that does not say asked for: demo, quote, trial, pricing "
            "or contact (default: none, an interest form)."),
         QStringLiteral("WHAT")},
        {QStringLiteral("map"),
         tr("add: a field of the sender's and what it is (email, first_name, company, request, "
            "...); repeatable."),
         QStringLiteral("FIELD=TARGET")},
        {QStringLiteral("per-minute"), tr("add: requests a minute it may send (default 600)."),
         QStringLiteral("N")},
        {QStringLiteral("as"), tr("Who makes the change, for the audit log (default: $USER)."),
         QStringLiteral("NAME")},
    });
    parser.addPositionalArgument(QStringLiteral("action"), tr("list, add NAME or remove NAME."));
    parser.addPositionalArgument(QStringLiteral("name"), tr("The source's name, in its address."));
    parse(parser, arguments);
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    if (action != u"list" && action != u"add" && action != u"remove")
        throw UsageError(tr("say list, add NAME or remove NAME"));
    if ((action == u"list") != (words.size() == 1) || words.size() > 2)
        throw UsageError(action == u"list" ? tr("list takes no name")
                                           : tr("%1 takes one name").arg(action));
    const Database db = openExisting(requiredDb(parser));
    IntakeRepository repository(db.connection());
    if (action == u"list") {
        for (const IntakeSource &s : repository.sources())
            io.out << s.name << '\t' << intakekind::toString(s.kind) << '\t' << endpointOf(s)
                   << '\t' << tr("%1/min").arg(s.perMinute) << '\t' << s.mapping << '\n';
        return cli::Success;
    }
    const QString name = words.value(1);
    const QString actor = parser.isSet(QStringLiteral("as"))
                              ? parser.value(QStringLiteral("as"))
                              : qEnvironmentVariable("USER", QStringLiteral("intake"));
    if (action == u"remove") {
        if (!repository.remove(name, actor, QDateTime::currentSecsSinceEpoch()))
            throw Error(tr("%1: no intake source is named '%2'").arg(db.filePath(), name));
        io.out << tr("%1: removed; its address answers 404 from now on\n").arg(name);
        return cli::Success;
    }
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,62}$"));
    if (!namePattern.match(name).hasMatch())
        throw UsageError(tr("a source's name goes in its address: 1 to 63 lower-case letters, "
                            "digits, - and _, not '%1'")
                             .arg(name));
    IntakeSource source;
    source.name = name;
    const QString kind = parser.isSet(QStringLiteral("kind")) ? parser.value(QStringLiteral("kind"))
                                                              : QStringLiteral("form");
    const auto parsedKind = intakekind::fromString(kind);
    if (!parsedKind)
        throw UsageError(tr("--kind must be form, hubspot or marketo, not '%1'").arg(kind));
    source.kind = *parsedKind;
    const bool secretGiven =
        parser.isSet(QStringLiteral("secret")) || parser.isSet(QStringLiteral("secret-file"));
    if (parser.isSet(QStringLiteral("secret")) && parser.isSet(QStringLiteral("secret-file")))
        throw UsageError(tr("--secret and --secret-file cannot both be given"));
    source.secret = parser.isSet(QStringLiteral("secret-file"))
                        ? secretFromFile(parser.value(QStringLiteral("secret-file")))
                    : parser.isSet(QStringLiteral("secret"))
                        ? parser.value(QStringLiteral("secret"))
                        : newSecret();
    if (source.secret.size() < 16)
        throw UsageError(tr("the secret must be at least 16 characters"));
    if (parser.isSet(QStringLiteral("request"))) {
        source.requestCode = FieldMapping::requestCodeFor(parser.value(QStringLiteral("request")));
        if (source.requestCode.isEmpty())
            throw UsageError(
                tr("--request must be demo, quote, trial, pricing or contact, not '%1'")
                    .arg(parser.value(QStringLiteral("request"))));
    }
    QJsonObject mapping;
    for (const QString &entry : parser.values(QStringLiteral("map"))) {
        const qsizetype equals = entry.lastIndexOf(QLatin1Char('='));
        if (equals <= 0)
            throw UsageError(tr("--map takes FIELD=TARGET, not '%1'").arg(entry));
        mapping.insert(entry.left(equals), entry.mid(equals + 1));
    }
    source.mapping = QString::fromUtf8(QJsonDocument(mapping).toJson(QJsonDocument::Compact));
    if (const QString problem = FieldMapping::check(source.mapping); !problem.isEmpty())
        throw UsageError(tr("--map: %1").arg(problem));
    source.perMinute = positiveInt(parser, QStringLiteral("per-minute"), 600, 1'000'000);
    source.createdAt = QDateTime::currentSecsSinceEpoch();
    repository.save(source, actor);
    io.out << tr("%1: %2 source, posts to %3\n")
                  .arg(name, intakekind::toString(source.kind), endpointOf(source));
    if (!secretGiven)
        io.out << tr("secret (shown once; the sender signs with it or sends it as a Bearer "
                     "token): %1\n")
                      .arg(source.secret);
    return cli::Success;
}

} // namespace commands

} // namespace handoff
