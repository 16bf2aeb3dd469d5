#include <QTest>

#include "errorof.h"
#include "store/databaselocation.h"
#include "store/error.h"

using namespace handoff;

class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private slots:
    void aPathIsASqliteFile_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("relative") << QStringLiteral("leads.sqlite");
        QTest::newRow("absolute") << QStringLiteral("/home/dana/Team Leads/leads.sqlite");
        QTest::newRow("colon in a name") << QStringLiteral("backup 10:30.sqlite");
        QTest::newRow("windows drive") << QStringLiteral("C:\\leads\\leads.sqlite");
        QTest::newRow("windows drive, slashes") << QStringLiteral("C://leads/leads.sqlite");
    }
    void aPathIsASqliteFile()
    {
        QFETCH(QString, text);
        const DatabaseLocation location = DatabaseLocation::parse(text);
        QCOMPARE(location.kind(), DatabaseLocation::Kind::SqliteFile);
        QVERIFY(!location.isServer());
        QCOMPARE(location.filePath(), text);
        QCOMPARE(location.displayText(), text);
    }

    // A window's title: the file's name, or the database and its server, never the options
    // or the password the address carries.
    void aTitleNamesTheDatabaseInAFewWords()
    {
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("/home/dana/leads.sqlite")).shortText(),
                 QStringLiteral("leads.sqlite"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgresql://dana:secret@db.example.com:"
                                                        "6543/leads?sslmode=require"))
                     .shortText(),
                 QStringLiteral("leads on db.example.com"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgresql:///leads")).shortText(),
                 QStringLiteral("leads on this computer's server"));
    }

    void aServerAddressHasEveryPart()
    {
        const DatabaseLocation location = DatabaseLocation::parse(
            QStringLiteral("postgresql://dana:s%40cret%3A1@db.example.com:6543/team_leads"
                           "?sslmode=verify-full&connect_timeout=5&application_name=handoff"));
        QVERIFY(location.isServer());
        QCOMPARE(location.host(), QStringLiteral("db.example.com"));
        QCOMPARE(location.port(), 6543);
        QCOMPARE(location.databaseName(), QStringLiteral("team_leads"));
        QCOMPARE(location.userName(), QStringLiteral("dana"));
        QCOMPARE(location.password(), std::optional(QStringLiteral("s@cret:1")));
        QCOMPARE(location.option(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
        QCOMPARE(location.driverOptions(),
                 QStringLiteral("sslmode=verify-full;connect_timeout=5;application_name=handoff"));
        // Shown anywhere without the password.
        QCOMPARE(location.displayText(),
                 QStringLiteral("postgresql://dana@db.example.com:6543/team_leads"
                                "?sslmode=verify-full&connect_timeout=5&application_name=handoff"));
    }

    void theShortFormsMeanTheUsualDefaults()
    {
        const DatabaseLocation local = DatabaseLocation::parse(QStringLiteral("postgres:///leads"));
        QVERIFY(local.isServer());
        QCOMPARE(local.host(), QString()); // the local server's socket
        QCOMPARE(local.port(), 5432);
        QCOMPARE(local.userName(), QString());
        QVERIFY(!local.password());
        QCOMPARE(local.displayText(), QStringLiteral("postgresql:///leads"));

        const DatabaseLocation v6 =
            DatabaseLocation::parse(QStringLiteral("PostgreSQL://[::1]:5433/leads?user=sam"));
        QCOMPARE(v6.host(), QStringLiteral("::1"));
        QCOMPARE(v6.port(), 5433);
        QCOMPARE(v6.userName(), QStringLiteral("sam"));
        QCOMPARE(v6.displayText(), QStringLiteral("postgresql://sam@[::1]:5433/leads"));

        const DatabaseLocation encoded =
            DatabaseLocation::parse(QStringLiteral("postgresql://r%C3%A9my@host/ventes%20EU"));
        QCOMPARE(encoded.userName(), QStringLiteral("r\u00e9my"));
        QCOMPARE(encoded.databaseName(), QStringLiteral("ventes EU"));
        QCOMPARE(DatabaseLocation::parse(encoded.displayText()).databaseName(),
                 QStringLiteral("ventes EU"));

        const DatabaseLocation socket =
            DatabaseLocation::parse(QStringLiteral("postgresql://%2Fvar%2Frun%2Fpostgresql/leads"));
        QCOMPARE(socket.host(), QStringLiteral("/var/run/postgresql"));
        QCOMPARE(DatabaseLocation::parse(socket.displayText()).host(), socket.host());
        const DatabaseLocation colon =
            DatabaseLocation::parse(QStringLiteral("postgresql://%2Ftmp%2Fa%3Ab/leads"));
        QCOMPARE(DatabaseLocation::parse(colon.displayText()).host(), QStringLiteral("/tmp/a:b"));
        const DatabaseLocation cert = DatabaseLocation::parse(
            QStringLiteral("postgresql://h/leads?sslrootcert=/etc/ssl/root.crt"));
        QCOMPARE(cert.displayText(),
                 QStringLiteral("postgresql://h/leads?sslrootcert=/etc/ssl/root.crt"));
    }

    // What File > Connect to a team server builds from its fields reads back part for part,
    // whatever the user name, password or database name hold.
    void aServerUriReadsBackEveryPart_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("plain") << QStringLiteral("db.example.com") << 5432
                               << QStringLiteral("leads") << QStringLiteral("dana")
                               << QStringLiteral("hunter2");
        QTest::newRow("delimiters")
            << QStringLiteral("db.example.com") << 6543 << QStringLiteral("team/leads?x=1#a")
            << QStringLiteral("dana@corp/sales:eu") << QStringLiteral("p@ss/wo:rd?&=#%41%");
        QTest::newRow("spaces and percent")
            << QStringLiteral("10.0.0.7") << 1 << QStringLiteral("ventes EU 100%")
            << QStringLiteral("  Dana Smith ") << QStringLiteral(" pass word %25 ");
        QTest::newRow("non-ASCII")
            << QStringLiteral("db-1.example.org") << 65535 << QStringLiteral("\u30ea\u30fc\u30c9")
            << QStringLiteral("r\u00e9my\u00df") << QStringLiteral("\U0001F511cl\u00e9\u20ac");
        QTest::newRow("IPv6") << QStringLiteral("::1") << 5433 << QStringLiteral("leads")
                              << QStringLiteral("sam") << QStringLiteral("v6]:pass[");
        QTest::newRow("socket folder")
            << QStringLiteral("/var/run/postgresql") << 5432 << QStringLiteral("leads")
            << QStringLiteral("sam") << QStringLiteral("'\\\";;");
    }
    void aServerUriReadsBackEveryPart()
    {
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, user);
        QFETCH(QString, password);
        const QList<QPair<QString, QString>> options{
            {QStringLiteral("sslmode"), QStringLiteral("verify-full")},
            {QStringLiteral("connect_timeout"), QStringLiteral("5")}};
        const QString uri =
            DatabaseLocation::serverUri(host, port, database, user, password, options);
        const DatabaseLocation location = DatabaseLocation::parse(uri);
        QVERIFY(location.isServer());
        QCOMPARE(location.host(), host);
        QCOMPARE(location.port(), port);
        QCOMPARE(location.databaseName(), database);
        QCOMPARE(location.userName(), user);
        QCOMPARE(location.password(), std::optional(password));
        QCOMPARE(location.options(), options);
        QVERIFY2(!location.displayText().contains(password), qPrintable(location.displayText()));
        // The same database as the same user, however it was written.
        const QString sameHost = host.startsWith(QLatin1Char('/')) ? host : host.toUpper();
        QCOMPARE(
            DatabaseLocation::parse(DatabaseLocation::serverUri(sameHost, port, database, user))
                .serverIdentity(),
            location.serverIdentity());
    }

    void aServerUriWithoutUserOrPasswordLeavesThemOut()
    {
        const QString uri =
            DatabaseLocation::serverUri(QStringLiteral("db"), 5432, QStringLiteral("leads"), {});
        QCOMPARE(uri, QStringLiteral("postgresql://db:5432/leads"));
        const DatabaseLocation location = DatabaseLocation::parse(uri);
        QCOMPARE(location.userName(), QString());
        QVERIFY(!location.password());
        QCOMPARE(location.serverIdentity(), QStringLiteral("db:5432/leads"));
        QCOMPARE(DatabaseLocation::parse(DatabaseLocation::serverUri(QStringLiteral("db"), 5432,
                                                                     QStringLiteral("leads"),
                                                                     QStringLiteral("a b")))
                     .serverIdentity(),
                 QStringLiteral("a%20b@db:5432/leads"));
    }

    // Parts a server cannot have are refused by parse() with the part named, as the
    // dialog shows it.
    void aServerUriWithAWrongPartIsRefused_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host with a space")
            << QStringLiteral("db host") << 5432 << QStringLiteral("dana")
            << QStringLiteral("\"db host\" is not a host name or address");
        QTest::newRow("two hosts") << QStringLiteral("a,b") << 5432 << QStringLiteral("dana")
                                   << QStringLiteral("\"a,b\" is not a host name or address");
        QTest::newRow("port 0") << QStringLiteral("db") << 0 << QStringLiteral("dana")
                                << QStringLiteral("the port \"0\" is not a number from 1 to 65535");
        QTest::newRow("port too high")
            << QStringLiteral("db") << 65536 << QStringLiteral("dana")
            << QStringLiteral("the port \"65536\" is not a number from 1 to 65535");
        QTest::newRow("control character in the user name")
            << QStringLiteral("db") << 5432 << QStringLiteral("da\nna")
            << QStringLiteral("the user name holds a control character");
    }
    void aServerUriWithAWrongPartIsRefused()
    {
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, user);
        QFETCH(QString, expected);
        const auto error = errorOf([&] {
            DatabaseLocation::parse(DatabaseLocation::serverUri(host, port, QStringLiteral("leads"),
                                                                user, QStringLiteral("hunter2")));
        });
        QVERIFY(error);
        QVERIFY2(error->message().contains(expected), qPrintable(error->message()));
        // The address's own "%2C" or "%0A" is shown as written, the character counted.
        QVERIFY2(error->message().contains(QStringLiteral("(character ")) &&
                     !error->message().contains(QStringLiteral("%3")),
                 qPrintable(error->message()));
        QVERIFY2(!error->message().contains(QStringLiteral("hunter2")),
                 qPrintable(error->message()));
    }

    // Each mistake is named with the character it is at, and the password never shows.
    void aWrongAddressSaysWhatAndWhere_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("other scheme")
            << QStringLiteral("mysql://host/leads")
            << QStringLiteral("\"mysql\" is not a kind of database Handoff opens (character 1)");
        QTest::newRow("no database") << QStringLiteral("postgresql://host")
                                     << QStringLiteral("no database is named (character 18)");
        QTest::newRow("empty database") << QStringLiteral("postgresql://host/?sslmode=require")
                                        << QStringLiteral("no database is named (character 19)");
        QTest::newRow("port not a number")
            << QStringLiteral("postgresql://host:54x2/leads")
            << QStringLiteral("the port \"54x2\" is not a number from 1 to 65535 (character 19)");
        QTest::newRow("port too large")
            << QStringLiteral("postgresql://host:70000/leads")
            << QStringLiteral("the port \"70000\" is not a number from 1 to 65535");
        QTest::newRow("bad percent")
            << QStringLiteral("postgresql://host/le%4gds")
            << QStringLiteral("the database name has a '%' that is not followed by two "
                              "hexadecimal digits (character 21)");
        QTest::newRow("unknown setting")
            << QStringLiteral("postgresql://host/leads?sslmode=require&colour=blue")
            << QStringLiteral(
                   "postgresql://host/leads?sslmode=require&colour=***: \"colour\" is not "
                   "a setting Handoff passes on (character 41)");
        QTest::newRow("bad ssl mode")
            << QStringLiteral("postgresql://host/leads?sslmode=always")
            << QStringLiteral("\"always\" is not an SSL mode (character 33)");
        QTest::newRow("timeout") << QStringLiteral("postgresql://host/leads?connect_timeout=5s")
                                 << QStringLiteral("the connect timeout \"5s\" is not a number");
        QTest::newRow("not a setting")
            << QStringLiteral("postgresql://host/leads?sslmode")
            << QStringLiteral("a setting is not written as name=value (character 25)");
        QTest::newRow("several hosts")
            << QStringLiteral("postgresql://a,b/leads")
            << QStringLiteral("several servers are named (character 15)");
        QTest::newRow("open bracket") << QStringLiteral("postgresql://[::1/leads")
                                      << QStringLiteral("the IPv6 address's '[' is never closed");
        QTest::newRow("space in a path")
            << QStringLiteral("postgresql://host/leads?sslrootcert=/my%20certs/root.crt")
            << QStringLiteral("the value of sslrootcert holds a space");
        QTest::newRow("password hidden")
            << QStringLiteral("postgresql://dana:hunter2@host:99999/leads")
            << QStringLiteral("postgresql://dana:***@host:99999/leads: the port");
        QTest::newRow("password setting hidden")
            << QStringLiteral("postgresql://host:0/leads?password=hunter2")
            << QStringLiteral("postgresql://host:0/leads?password=***: the port");
        QTest::newRow("control character")
            << QStringLiteral("postgresql://host/le%00ads")
            << QStringLiteral("the database name holds a control character");
        QTest::newRow("not a host") << QStringLiteral("postgresql://my%20host/leads")
                                    << QStringLiteral("\"my host\" is not a host name");
        QTest::newRow("not ipv6") << QStringLiteral("postgresql://[%]:4/leads")
                                  << QStringLiteral("\"%\" is not an IPv6 address (character 15)");
        QTest::newRow("port with a newline") << QStringLiteral("postgresql://host:4\n/leads")
                                             << QStringLiteral("is not a number from 1 to 65535");
        QTest::newRow("at in a password")
            << QStringLiteral("postgresql://dana:hunter@2@host:0/leads")
            << QStringLiteral("postgresql://dana:***@host:0/leads: the user part holds more than "
                              "one '@' (character 19)");
        QTest::newRow("question mark in a password")
            << QStringLiteral("postgresql://dana:hun?ter2@host:0/leads")
            << QStringLiteral("postgresql://dana:***@host:0/leads: the port \"0\" is not a number "
                              "from 1 to 65535 (character 28)");
        QTest::newRow("slash in a password")
            << QStringLiteral("postgresql://dana:pa/ss@host/leads")
            << QStringLiteral("postgresql://dana:***@host/leads: an '@' follows the first '/' "
                              "(character 22); write a '/' in a user name or password as %2F");
        QTest::newRow("password setting misspelt")
            << QStringLiteral("postgresql://host/leads?pasword=hunter2")
            << QStringLiteral("postgresql://host/leads?pasword=***: \"pasword\" is not a setting");
        QTest::newRow("password setting encoded")
            << QStringLiteral("postgresql://host:0/leads?pass%77ord=hunter2")
            << QStringLiteral("postgresql://host:0/leads?pass%77ord=***: the port");
        QTest::newRow("set twice")
            << QStringLiteral("postgresql://host/leads?sslmode=require&sslmode=disable")
            << QStringLiteral("sslmode is set twice (character 41)");
        QTest::newRow("empty value")
            << QStringLiteral("postgresql://host/leads?sslrootcert=&sslmode=require")
            << QStringLiteral("sslrootcert has no value (character 37)");
        QTest::newRow("host as a setting")
            << QStringLiteral("postgresql:///leads?host=/var/run/postgresql")
            << QStringLiteral("host is a part of the address, not a setting");
        QTest::newRow("without slashes")
            << QStringLiteral("postgresql:leads")
            << QStringLiteral("the address lacks its \"//\" (character 12)");
        QTest::newRow("name with a slash")
            << QStringLiteral("postgresql://host/a%20b/c")
            << QStringLiteral("a database name cannot hold a '/' (character 24)");
        QTest::newRow("nothing") << QStringLiteral("  ") << QStringLiteral("no database was named");
    }
    void aWrongAddressSaysWhatAndWhere()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto error = errorOf([&] { DatabaseLocation::parse(text); });
        QVERIFY(error);
        const QString message = error->message();
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("hunter2")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "tst_databaselocation.moc"
