#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "clirun.h"
#include "errorof.h"
#include "scoring/scoringmodel.h"
#include "testdatabase.h"

using namespace handoff;

// `handoff suggest` as a user runs it on a demo database: parseable output with the AUC,
// the same output for the same seed, exit 2 for a usage mistake and 1 for a history too
// small to learn from.
class TestSuggestCommand : public QObject
{
    Q_OBJECT

private:
    using Run = CliRun;
    static Run handoff(const QStringList &arguments) { return runHandoff(arguments); }

    QStringList suggest(const QStringList &more = {}) const
    {
        return QStringList{QStringLiteral("suggest"), QStringLiteral("--db"), m_db} + more;
    }

    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const Run run = handoff({QStringLiteral("demo"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--leads"), QStringLiteral("3000"),
                                 QStringLiteral("--seed"), QStringLiteral("5")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void printsJsonWithTheHeldOutAuc()
    {
        const Run run = handoff(suggest({QStringLiteral("--format"), QStringLiteral("json"),
                                         QStringLiteral("--holdout"), QStringLiteral("0.3")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        const int known = json.value(QStringLiteral("known_leads")).toInt();
        QVERIFY(known > 1000);
        QCOMPARE(json.value(QStringLiteral("train_leads")).toInt() +
                     json.value(QStringLiteral("holdout_leads")).toInt(),
                 known);
        QVERIFY(std::abs(json.value(QStringLiteral("holdout_leads")).toInt() / double(known) -
                         0.3) < 0.05);
        // The demo's conversions follow fit and engagement: the fit must rank held-out leads.
        const double auc = json.value(QStringLiteral("holdout_auc")).toDouble();
        QVERIFY2(auc > 0.7 && auc < 1.0, qPrintable(QString::number(auc)));
        QVERIFY(json.value(QStringLiteral("points_per_log_odds")).toDouble() > 0);
        QVERIFY(json.value(QStringLiteral("flagged_fields")).isArray());

        // Every suggestion carries points, its current points and its evidence; unsubscribing
        // must come out negative and a demo request positive.
        QHash<QString, int> activityPoints;
        for (const QJsonValue &v : json.value(QStringLiteral("suggestions")).toArray()) {
            const QJsonObject s = v.toObject();
            const QJsonObject e = s.value(QStringLiteral("evidence")).toObject();
            // An activity against the leads without it; a fit value against its baseline.
            const int counted = e.value(QStringLiteral("leads_with")).toInt() +
                                e.value(QStringLiteral("leads_without")).toInt();
            if (s.value(QStringLiteral("kind")).toString() == QLatin1String("activity"))
                QCOMPARE(counted, known);
            else
                QVERIFY(counted <= known);
            if (s.value(QStringLiteral("kind")).toString() == QLatin1String("activity"))
                activityPoints.insert(s.value(QStringLiteral("activity_type")).toString(),
                                      s.value(QStringLiteral("points")).toInt());
            else
                QVERIFY(s.value(QStringLiteral("condition")).isObject());
        }
        QVERIFY(activityPoints.value(QStringLiteral("demo_request")) > 0);
        QVERIFY(activityPoints.value(QStringLiteral("unsubscribe")) < 0);
    }

    void textNamesTheAucAndTheScale()
    {
        const Run run = handoff(suggest());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("AUC of the suggested points on the held-out part: 0."));
        QVERIFY(run.out.contains("points double the odds"));
        QVERIFY(run.out.contains("Demo request"));
        QVERIFY(run.out.contains("Seniority is VP"));
    }

    void sameSeedSameOutput()
    {
        const QStringList arguments = {QStringLiteral("--seed"), QStringLiteral("17"),
                                       QStringLiteral("--format"), QStringLiteral("json")};
        const Run a = handoff(suggest(arguments));
        const Run b = handoff(suggest(arguments));
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out, b.out);
        const Run c = handoff(suggest({QStringLiteral("--seed"), QStringLiteral("18"),
                                       QStringLiteral("--format"), QStringLiteral("json")}));
        QVERIFY(c.out != a.out);
    }

    // The loop closed on the command line: suggest --out writes the live model with every
    // suggestion applied, which backtest --model tries and model import makes a draft.
    void outWritesAModelThatBacktestAndImportTake()
    {
        const QString model = m_dir.filePath(QStringLiteral("suggested.json"));
        Run run = handoff(suggest({QStringLiteral("--out"), model}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("Wrote the live model with all "), run.out.constData());
        QVERIFY2(run.out.contains("handoff backtest --db " + m_db.toUtf8() + " --model " +
                                  model.toUtf8()),
                 run.out.constData());
        QFile file(model);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray modelJson = file.readAll();
        std::optional<ScoringModel> written;
        const auto error = errorOf([&] { written = ScoringModel::fromJson(modelJson); });
        QVERIFY2(written, qPrintable(error ? error->message() : QString()));
        file.close();

        // Every suggested activity weight is in the file, in whole points.
        const Run json = handoff(suggest({QStringLiteral("--format"), QStringLiteral("json")}));
        QCOMPARE(json.exitCode, 0);
        int activities = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(json.out)
                                       .object()
                                       .value(QStringLiteral("suggestions"))
                                       .toArray()) {
            const QJsonObject s = v.toObject();
            if (s.value(QStringLiteral("kind")).toString() != QLatin1String("activity"))
                continue;
            const ActivityWeight *w =
                written->weightFor(s.value(QStringLiteral("activity_type")).toString());
            QVERIFY(w);
            QCOMPARE(w->points, double(s.value(QStringLiteral("points")).toInt()));
            ++activities;
        }
        QVERIFY(activities > 3);

        // A file that is there is not replaced unless asked; the fit does not even start.
        const QByteArray digest = fileDigest(model);
        run = handoff(suggest({QStringLiteral("--out"), model}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(model + QStringLiteral(" exists; add --force to replace it")),
                 qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(fileDigest(model), digest);
        // --force replaces it; with --format json the standard output stays JSON.
        run = handoff(suggest({QStringLiteral("--out"), model, QStringLiteral("--force"),
                               QStringLiteral("--format"), QStringLiteral("json")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QJsonDocument::fromJson(run.out).isObject());
        QVERIFY2(run.err.contains(QStringLiteral("Wrote the live model")), qPrintable(run.err));

        // A place that cannot be written: said, exit 1, nothing left behind.
        const QString nowhere = m_dir.filePath(QStringLiteral("no-such-folder/model.json"));
        run = handoff(suggest({QStringLiteral("--out"), nowhere}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(nowhere + QStringLiteral(": cannot be written")),
                 qPrintable(run.err));
        run = handoff(suggest({QStringLiteral("--out"), m_dir.path(), QStringLiteral("--force")}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("it is a folder")), qPrintable(run.err));

        // The backtest takes the file against the live model...
        run = handoff({QStringLiteral("backtest"), QStringLiteral("--db"), m_db,
                       QStringLiteral("--model"), model, QStringLiteral("--format"),
                       QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject backtest = QJsonDocument::fromJson(run.out).object();
        QVERIFY(backtest.value(QStringLiteral("leads")).toInt() > 100);
        QVERIFY(backtest.value(QStringLiteral("model"))
                    .toObject()
                    .value(QStringLiteral("auc"))
                    .toDouble() > 0.5);
        // ...and model import makes it a draft.
        run = handoff({QStringLiteral("model"), QStringLiteral("import"), QStringLiteral("--db"),
                       m_db, QStringLiteral("--as"), QStringLiteral("Mia"),
                       QStringLiteral("--role"), QStringLiteral("marketing"), model});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("as draft version"), run.out.constData());
    }

    void usageMistakesExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("fraction too big")
            << QStringList{QStringLiteral("--holdout"), QStringLiteral("1.5")}
            << "--holdout must be a fraction from 0.05 to 0.9, not '1.5'";
        QTest::newRow("fraction not a number")
            << QStringList{QStringLiteral("--holdout"), QStringLiteral("half")} << "'half'";
        QTest::newRow("bad seed") << QStringList{QStringLiteral("--seed"), QStringLiteral("-1")}
                                  << "--seed must be a whole number";
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("--format"), QStringLiteral("csv")} << "text or json";
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")} << "'extra'";
        QTest::newRow("force without out")
            << QStringList{QStringLiteral("--force")} << "--force applies to --out FILE.json only";
    }

    void usageMistakesExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = handoff(suggest(arguments));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.err.contains(QLatin1String("usage: handoff suggest")));
    }

    void failuresExitWithOne()
    {
        Run run = handoff({QStringLiteral("suggest"), QStringLiteral("--db"),
                           m_dir.filePath(QStringLiteral("missing.sqlite"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("no such database")), qPrintable(run.err));

        run = handoff(suggest({QStringLiteral("--include-field"), QStringLiteral("Shoe Size")}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("no lead field \"Shoe Size\"")),
                 qPrintable(run.err));

        // 40 demo leads: far too few known outcomes. The message says how many there are and
        // how many are needed.
        const QString small = m_dir.filePath(QStringLiteral("small.sqlite"));
        QCOMPARE(handoff({QStringLiteral("demo"), QStringLiteral("--db"), small,
                          QStringLiteral("--leads"), QStringLiteral("40")})
                     .exitCode,
                 0);
        run = handoff({QStringLiteral("suggest"), QStringLiteral("--db"), small});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("leads have a known outcome")),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("at least 200")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestSuggestCommand)
#include "tst_suggestcommand.moc"
