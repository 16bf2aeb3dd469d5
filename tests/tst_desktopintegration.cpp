#include <QDir>
#include <QFile>
#include <QImage>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "store/database.h"

using namespace handoff;

namespace {

const QString AppId = QStringLiteral(HANDOFF_APP_ID);

QString generated(const QString &name)
{
    return QStringLiteral(HANDOFF_PACKAGING_DIR "/") + name;
}

struct ToolRun
{
    bool started = false;
    int exitCode = -1;
    QString output; // standard output and error together, as a person reads them
};

ToolRun runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {};
    process.waitForFinished(60000);
    return {true, process.exitCode(), QString::fromUtf8(process.readAll())};
}

} // namespace

// What the package gives the desktop, checked as the desktop's own tools check it: the menu
// entry, the software centre's metainfo, the file type of a lead database and the icons.
class TestDesktopIntegration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void menuEntryIsValid()
    {
        const QString entry = generated(AppId + QStringLiteral(".desktop"));
        const ToolRun run = runTool(QStringLiteral("desktop-file-validate"), {entry});
        if (!run.started)
            QSKIP(
                "desktop-file-validate is not installed (debian-packages.txt: desktop-file-utils)");
        QVERIFY2(run.exitCode == 0 && run.output.isEmpty(), qPrintable(run.output));
        QFile file(entry);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        // A double-click on a lead database hands its path to the console.
        QVERIFY(text.contains(QStringLiteral("\nExec=handoff %f\n")));
        QVERIFY(text.contains(QStringLiteral("\nMimeType=application/x-handoff;\n")));
        QVERIFY(text.contains(QStringLiteral("\nIcon=%1\n").arg(AppId)));
    }

    // Pedantic too: no remark at any level. --no-net: the screenshots' addresses are checked
    // by shape only (the build machine has no network, and the release tag they name may not
    // be published yet).
    void metainfoIsValid()
    {
        const QString metainfo = generated(AppId + QStringLiteral(".metainfo.xml"));
        const ToolRun run = runTool(QStringLiteral("appstreamcli"),
                                    {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                     QStringLiteral("--pedantic"), metainfo});
        if (!run.started)
            QSKIP("appstreamcli is not installed (debian-packages.txt: appstream)");
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(run.output.trimmed() == QStringLiteral("✔ Validation was successful."),
                 qPrintable(run.output));
        QFile file(metainfo);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        // The newest release is this version.
        static const QRegularExpression release(QStringLiteral("<release version=\"([^\"]+)\""));
        QCOMPARE(release.match(text).captured(1), QStringLiteral(HANDOFF_VERSION));
        QVERIFY(text.contains(
            QStringLiteral("<launchable type=\"desktop-id\">%1.desktop<").arg(AppId)));
    }

    // A file manager tells a lead database from another program's SQLite file by its content,
    // whatever the name: our MIME type beside Debian's own, compiled as dpkg's trigger does.
    void leadDatabaseIsItsOwnFileType()
    {
        const QString data = m_dir.filePath(QStringLiteral("share"));
        QVERIFY(QDir().mkpath(data + QStringLiteral("/mime/packages")));
        QVERIFY(QFile::copy(QStringLiteral("/usr/share/mime/packages/freedesktop.org.xml"),
                            data + QStringLiteral("/mime/packages/freedesktop.org.xml")));
        QVERIFY(QFile::copy(generated(AppId + QStringLiteral(".xml")),
                            data + QStringLiteral("/mime/packages/%1.xml").arg(AppId)));
        const ToolRun compiled = runTool(QStringLiteral("update-mime-database"),
                                         {QStringLiteral("-V"), data + QStringLiteral("/mime")});
        if (!compiled.started)
            QSKIP("update-mime-database is not installed (debian-packages.txt: shared-mime-info)");
        QVERIFY2(compiled.exitCode == 0 && !compiled.output.contains(QStringLiteral("rror")),
                 qPrintable(compiled.output));
        // Before the first use of QMimeDatabase in this process: it reads these once.
        qputenv("XDG_DATA_DIRS", data.toUtf8());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("home")).toUtf8());

        const QString leads = m_dir.filePath(QStringLiteral("leads.sqlite"));
        Database(leads, Database::Open::CreateIfMissing);
        const QString other = m_dir.filePath(QStringLiteral("places.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(other);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (x)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        const QString renamed = m_dir.filePath(QStringLiteral("leads-copy"));
        QVERIFY(QFile::copy(leads, renamed));

        const QMimeDatabase types;
        QCOMPARE(types.mimeTypeForFile(leads).name(), QStringLiteral("application/x-handoff"));
        QCOMPARE(types.mimeTypeForFile(renamed).name(), QStringLiteral("application/x-handoff"));
        QCOMPARE(types.mimeTypeForFile(other).name(), QStringLiteral("application/vnd.sqlite3"));
        QVERIFY(types.mimeTypeForName(QStringLiteral("application/x-handoff"))
                    .inherits(QStringLiteral("application/vnd.sqlite3")));
    }

    void iconsHaveTheirSizes()
    {
        for (const int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
            const QString path = generated(QStringLiteral("icons/%1/%2.png").arg(size).arg(AppId));
            const QImage picture(path);
            QVERIFY2(!picture.isNull(), qPrintable(path));
            QCOMPARE(picture.size(), QSize(size, size));
            // Not blank: the corner is transparent and the middle is the icon's blue.
            QCOMPARE(qAlpha(picture.pixel(0, 0)), 0);
            QVERIFY(qAlpha(picture.pixel(size / 2, size / 4)) > 200);
        }
    }
};

QTEST_GUILESS_MAIN(TestDesktopIntegration)
#include "tst_desktopintegration.moc"
