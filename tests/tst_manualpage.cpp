#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "cli/manualpage.h"
#include "clirun.h"

using namespace handoff;

namespace {

QString collapsed(QString text)
{
    return text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" ")).trimmed();
}

// The manual as a reader sees it, without roff's requests and escapes, spaces collapsed.
QString readableManual(const QString &roff)
{
    QStringList lines;
    for (QString line : roff.split(QLatin1Char('\n'))) {
        static const QRegularExpression request(QStringLiteral("^\\.(\\\\\"|br|PP|TP|YS|nh|ad)"));
        if (request.match(line).hasMatch())
            continue;
        line.remove(QRegularExpression(QStringLiteral("^\\.(SH|SS|TH|SY) ")));
        line.remove(QRegularExpression(QStringLiteral("\\\\f[BIRP]")));
        line.replace(QLatin1String("\\-"), QLatin1String("-"));
        line.replace(QLatin1String("\\&"), QString());
        line.replace(QLatin1String("\\e"), QLatin1String("\\"));
        lines.append(line);
    }
    return collapsed(lines.join(QLatin1Char(' ')));
}

// The option lists of a --help text, as Qt prints them (under "Options:", "Arguments:" or
// "The console's options:"): one entry an option or argument, its wrapped description joined,
// the value's angle brackets dropped ("--db FILE The database.").
QStringList helpEntries(const QString &help)
{
    QStringList entries;
    bool listing = false;
    for (const QString &line : help.split(QLatin1Char('\n'))) {
        static const QRegularExpression heading(QStringLiteral("^(.*[Oo]ptions|Arguments):$"));
        if (heading.match(line).hasMatch()) {
            listing = true;
        } else if (!line.startsWith(QLatin1Char(' '))) {
            listing = false;
        } else if (!listing || line.trimmed().isEmpty()) {
            continue;
        } else if (line.startsWith(QLatin1String("  ")) && !line.startsWith(QLatin1String("   "))) {
            entries.append(line);
        } else if (!entries.isEmpty()) {
            entries.last() += QLatin1Char(' ') + line;
        }
    }
    QStringList result;
    for (QString entry : std::as_const(entries)) {
        entry.remove(QLatin1Char('<')).remove(QLatin1Char('>'));
        if (!entry.trimmed().startsWith(QLatin1String("-h, --help")))
            result.append(collapsed(entry));
    }
    return result;
}

QString readGzip(const QString &path)
{
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), path});
    gzip.waitForFinished();
    return QString::fromUtf8(gzip.readAllStandardOutput());
}

} // namespace

// handoff(1) as the package installs it: written from what --help prints, so every command,
// option and exit code a user reads in one is in the other; and its examples work.
class TestManualPage : public QObject
{
    Q_OBJECT

private:
    QString m_roff;
    QString m_manual;

private slots:
    void initTestCase()
    {
        m_roff = readGzip(QStringLiteral(HANDOFF_MANUAL));
        QVERIFY2(m_roff.startsWith(QLatin1String(".\\\"")), HANDOFF_MANUAL);
        m_manual = readableManual(m_roff);
    }

    void isWhatTheBuiltHandoffWrites()
    {
        const CliRun run = runHandoff({QStringLiteral("--manual-page")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QString::fromUtf8(run.out) == m_roff,
                 "the installed manual is not what this handoff writes: build the manual target");
    }

    void saysEverythingHelpSays()
    {
        const CliRun help = runHandoff({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QStringList commands;
        for (const QString &line : QString::fromUtf8(help.out).split(QLatin1Char('\n'))) {
            static const QRegularExpression usage(QStringLiteral("^  handoff (\\S+)( .*)?$"));
            const QRegularExpressionMatch m = usage.match(line);
            if (!m.hasMatch())
                continue;
            QVERIFY2(m_manual.contains(collapsed(line)), qPrintable(line));
            if (!m.captured(1).startsWith(QLatin1Char('[')) &&
                !m.captured(1).startsWith(QLatin1Char('-')) &&
                m.captured(1) != QLatin1String("COMMAND"))
                commands.append(m.captured(1));
        }
        QCOMPARE(commands.size(), 18);
        for (const QString &command : std::as_const(commands)) {
            const CliRun run = runHandoff({command, QStringLiteral("--help")});
            QCOMPARE(run.exitCode, 0);
            const QString text = QString::fromUtf8(run.out);
            // The line after the usage: the command's summary.
            const QString summary = collapsed(text.section(QStringLiteral("\n\n"), 1, 1));
            QVERIFY2(m_manual.contains(summary),
                     qPrintable(command + QLatin1String(": ") + summary));
            const QStringList entries = helpEntries(text);
            QVERIFY2(!entries.isEmpty(), qPrintable(command));
            for (const QString &entry : entries)
                QVERIFY2(m_manual.contains(entry),
                         qPrintable(command + QLatin1String(": ") + entry));
        }
        // The console's options and the exit codes, as --help lists them.
        for (const QString &entry : helpEntries(QString::fromUtf8(help.out)))
            QVERIFY2(m_manual.contains(entry), qPrintable(entry));
        static const QRegularExpression codes(QStringLiteral("Exit codes: (.*)\\."));
        const QString exitCodes = codes.match(QString::fromUtf8(help.out)).captured(1);
        QVERIFY(!exitCodes.isEmpty());
        for (const QString &code : exitCodes.split(QStringLiteral(", ")))
            QVERIFY2(m_manual.contains(QStringLiteral("EXIT STATUS")) &&
                         m_manual.section(QStringLiteral("EXIT STATUS"), 1).contains(code),
                     qPrintable(code));
    }

    void carriesTheVersion()
    {
        const CliRun run = runHandoff({QStringLiteral("--version")});
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("handoff " HANDOFF_VERSION "\n"));
        QVERIFY2(m_roff.contains(QStringLiteral("\"Handoff " HANDOFF_VERSION "\"")),
                 qPrintable(m_roff.section(QLatin1Char('\n'), 1, 1)));
    }

    // What lintian runs: any warning is a page that reads wrong somewhere.
    void formatsWithoutWarnings()
    {
        QProcess groff;
        groff.start(QStringLiteral("groff"), {QStringLiteral("-man"), QStringLiteral("-ww"),
                                              QStringLiteral("-z"), QStringLiteral("-Kutf8")});
        if (!groff.waitForStarted())
            QSKIP("groff is not installed (packaging/debian-packages.txt: groff-base)");
        groff.write(m_roff.toUtf8());
        groff.closeWriteChannel();
        QVERIFY(groff.waitForFinished());
        QCOMPARE(groff.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(groff.readAllStandardError()), QString());
    }

    void examplesWork()
    {
        QTemporaryDir dir;
        QFile csv(dir.filePath(QStringLiteral("export.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("Email,First Name,Last Name,Company,Job Title\n"
                  "ann@one.example,Ann,Lee,One Ltd,Head of Sales\n"
                  "bob@two.example,Bob,Ray,Two plc,Analyst\n");
        csv.close();
        const QList<cli::ManualExample> examples = cli::manualExamples();
        QVERIFY(examples.size() >= 5);
        for (const cli::ManualExample &example : examples) {
            QStringList arguments = example.arguments;
            if (example.opensWindow) // a picture of it, then it quits
                arguments << QStringLiteral("--screenshot") << QStringLiteral("window.png");
            QProcess handoff;
            handoff.setWorkingDirectory(dir.path());
            handoff.start(QStringLiteral(HANDOFF_BINARY), arguments);
            QVERIFY(handoff.waitForFinished(120000));
            QVERIFY2(handoff.exitCode() == 0,
                     qPrintable(arguments.join(QLatin1Char(' ')) + QLatin1String(": ") +
                                QString::fromUtf8(handoff.readAllStandardError())));
            QVERIFY2(m_manual.contains(QStringLiteral("handoff ") +
                                       example.arguments.join(QLatin1Char(' '))),
                     qPrintable(example.arguments.join(QLatin1Char(' '))));
        }
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("window.png"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("meeting.pdf"))));
    }
};

QTEST_GUILESS_MAIN(TestManualPage)
#include "tst_manualpage.moc"
