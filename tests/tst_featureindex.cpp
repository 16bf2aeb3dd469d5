#include <array>
#include <random>

#include <QTest>

#include "scoringfixture.h"
#include "statebuffer.h"
#include "store/error.h"

using namespace handoff;

namespace {

constexpr qint64 Now = 1'800'000'000;
constexpr qint64 Day = 86400;

// Leads with random fit fields, activities of random types at random times in the last
// 200 days (a few in the future, as clock skew produces), and a random model over them.
void fillRandomly(ScoringFixture &f, std::mt19937_64 &rng, int leads, int activities)
{
    const QStringList seniorities = {QStringLiteral("C-level"), QStringLiteral("VP"),
                                     QStringLiteral("Director"), QStringLiteral("Manager"),
                                     QString()};
    const QStringList countries = {QStringLiteral("US"), QStringLiteral("DE"), QStringLiteral("IN"),
                                   QString()};
    for (int i = 0; i < leads; ++i) {
        Lead lead;
        lead.email = QStringLiteral("l%1@%2.example").arg(i).arg(rng() % 5);
        lead.seniority = seniorities[qsizetype(rng() % seniorities.size())];
        lead.country = countries[qsizetype(rng() % countries.size())];
        if (rng() % 4)
            lead.companySize = int(rng() % 20000);
        f.addLead(lead);
    }
    for (int i = 0; i < activities; ++i) {
        f.activities.push_back({int(rng() % leads), int(rng() % f.catalogue.count()),
                                Now - qint64(rng() % (200 * Day)) + (rng() % 50 == 0 ? 3600 : 0)});
    }
}

ScoringModel randomModel(const ScoringFixture &f, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> points(-20, 40);
    ScoringModel m = ScoringModel::standard();
    m.activities.clear();
    for (const ActivityType &t : f.catalogue.types()) {
        if (rng() % 6 == 0)
            continue; // some types score nothing
        ActivityWeight w{t.code, std::round(points(rng)), {}, rng() % 5 != 0};
        if (rng() % 2)
            w.cap = double(5 + rng() % 60);
        m.activities.append(w);
    }
    m.halfLifeDays = double(10 + rng() % 80);
    return m;
}

} // namespace

class TestFeatureIndex : public QObject
{
    Q_OBJECT

private slots:
    void scoresMatchTheReferenceOnRandomData_data()
    {
        QTest::addColumn<quint64>("seed");
        for (quint64 seed : {1u, 2u, 3u, 4u, 5u})
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }

    void scoresMatchTheReferenceOnRandomData()
    {
        QFETCH(quint64, seed);
        std::mt19937_64 rng(seed);
        ScoringFixture f;
        fillRandomly(f, rng, 300, 6000);
        const ScoringModel model = randomModel(f, rng);
        f.buildIndex(model.halfLifeDays, Now);
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(model);
        for (int row = 0; row < f.leads.size(); ++row) {
            const Lead &lead = f.leadList[size_t(row)];
            const double expected = f.referenceScore(model, lead, row, Now);
            QVERIFY2(std::abs(board.score(row) - expected) <=
                         1e-4 * std::max(1.0, std::abs(expected)),
                     qPrintable(QStringLiteral("row %1: index %2, reference %3")
                                    .arg(row)
                                    .arg(board.score(row))
                                    .arg(expected)));
        }
    }

    void incrementalActivitiesMatchABuildFromScratch()
    {
        std::mt19937_64 rng(11);
        ScoringFixture f;
        fillRandomly(f, rng, 100, 2000);
        f.buildIndex(30, Now);
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(ScoringModel::standard());
        // Activities arriving one by one after the build.
        for (int i = 0; i < 300; ++i) {
            const RawActivity a{int(rng() % 100), int(rng() % f.catalogue.count()),
                                Now - qint64(rng() % (5 * Day))};
            f.activities.push_back(a);
            f.index.add(a.row, a.type, a.at);
            board.refreshRow(a.row);
        }
        ScoringFixture fresh;
        fresh.leads = f.leads;
        fresh.activities = f.activities;
        fresh.buildIndex(30, Now);
        ScoreBoard rebuilt(fresh.leads, fresh.index, fresh.catalogue);
        rebuilt.setModel(ScoringModel::standard());
        for (int row = 0; row < 100; ++row)
            QVERIFY(std::abs(board.score(row) - rebuilt.score(row)) < 1e-3);
    }

    void advancingTheClockFadesLikeABuildAtTheLaterTime()
    {
        std::mt19937_64 rng(7);
        ScoringFixture f;
        fillRandomly(f, rng, 50, 800);
        f.buildIndex(20, Now - 10 * Day);
        f.index.advanceTo(Now);
        ScoringFixture later;
        later.leads = f.leads;
        later.activities = f.activities;
        later.buildIndex(20, Now);
        for (int t = 0; t < f.catalogue.count(); ++t) {
            for (int row = 0; row < 50; ++row) {
                // Activities dated after the first build's clock count as fresh there, so
                // compare only where none exist.
                const bool skewed = std::any_of(
                    f.activities.begin(), f.activities.end(), [&](const RawActivity &a) {
                        return a.row == row && a.type == t && a.at > Now - 10 * Day;
                    });
                if (skewed)
                    continue;
                QVERIFY(std::abs(f.index.decayedSum(t, row) - later.index.decayedSum(t, row)) <
                        1e-4);
            }
        }
    }

    // Every lead's score a week before `at` is the reference's, computed from the raw
    // activities, leads with activities from the future (clock skew: fresh at build time)
    // left out.
    static void compareScoresAWeekBefore(const ScoringFixture &f, const ScoringModel &model,
                                         const ScoreBoard &board, qint64 at)
    {
        const qint64 weekAgo = at - 7 * Day;
        for (int row = 0; row < f.leads.size(); ++row) {
            if (std::any_of(f.activities.begin(), f.activities.end(),
                            [&](const RawActivity &a) { return a.row == row && a.at > Now; }))
                continue;
            const double expected =
                f.referenceScore(model, f.leadList[size_t(row)], row, weekAgo, weekAgo - 1);
            QVERIFY2(std::abs(board.scoreBefore(row) - expected) <=
                         1e-3 * std::max(1.0, std::abs(expected)),
                     qPrintable(QStringLiteral("row %1: %2 vs %3")
                                    .arg(row)
                                    .arg(board.scoreBefore(row))
                                    .arg(expected)));
        }
    }

    // 200 leads with 5,000 random activities, indexed at Now, and a random model for them.
    static ScoringModel randomlyIndexed(ScoringFixture &f, std::mt19937_64 &rng)
    {
        fillRandomly(f, rng, 200, 5000);
        const ScoringModel model = randomModel(f, rng);
        f.buildIndex(model.halfLifeDays, Now);
        return model;
    }

    void theScoreAWeekAgoMatchesTheReference()
    {
        std::mt19937_64 rng(21);
        ScoringFixture f;
        const ScoringModel model = randomlyIndexed(f, rng);
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(model);
        // Activities arriving after the build count as recent too.
        for (int i = 0; i < 200; ++i) {
            const RawActivity a{int(rng() % 200), int(rng() % f.catalogue.count()),
                                Now - qint64(rng() % (3 * Day))};
            f.activities.push_back(a);
            f.index.add(a.row, a.type, a.at);
            board.refreshRow(a.row);
        }
        compareScoresAWeekBefore(f, model, board, Now);
    }

    // As the reference time moves on, what has left the week stops counting as recent: the
    // score a week ago is the reference's at the new time too, days later.
    void theScoreAWeekAgoFollowsTheReferenceTime()
    {
        std::mt19937_64 rng(22);
        ScoringFixture f;
        const ScoringModel model = randomlyIndexed(f, rng);
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(model);
        const qint64 later = Now + 3 * Day;
        f.index.advanceTo(later);
        board.refreshAll();
        compareScoresAWeekBefore(f, model, board, later);
        // The case is really there: activities inside the week at build time, outside now.
        QVERIFY(std::any_of(f.activities.begin(), f.activities.end(), [&](const RawActivity &a) {
            return a.at >= Now - 7 * Day && a.at < later - 7 * Day;
        }));
    }

    // A new half-life counts only the decayed sums again, in the background, from an
    // earlier clock, while new activities and new leads arrive: once taken, the index scores
    // every lead as one built under that half-life from the start, the week ago included.
    void sumsUnderAnotherHalfLifeMakeTheIndexOfThatHalfLife()
    {
        std::mt19937_64 rng(23);
        ScoringFixture f;
        ScoringModel model = randomlyIndexed(f, rng);
        model.halfLifeDays *= 3;
        DecayedSums sums(f.catalogue.count(), f.leads.size(), model.halfLifeDays, Now);
        for (const RawActivity &a : f.activities)
            sums.add(a.row, a.type, a.at);
        // Meanwhile: the clock moves on, a lead arrives, activities are counted.
        const qint64 later = Now + 2 * Day;
        f.index.advanceTo(later);
        Lead newcomer;
        newcomer.email = QStringLiteral("late@x.example");
        const int late = f.addLead(newcomer);
        f.index.resize(late + 1);
        // As ScoringEngine::adopt takes them: room for new leads, the clock brought on, then
        // what was counted meanwhile.
        sums.resize(late + 1);
        sums.advanceTo(later);
        const size_t before = f.activities.size();
        for (int i = 0; i < 100; ++i) {
            const RawActivity a{i % 10 == 0 ? late : int(rng() % f.leads.size()),
                                int(rng() % f.catalogue.count()),
                                later - qint64(rng() % (2 * Day))};
            f.activities.push_back(a);
            f.index.add(a.row, a.type, a.at);
            sums.add(a.row, a.type, a.at);
        }
        f.index.takeDecay(std::move(sums));
        QCOMPARE(f.index.halfLifeDays(), model.halfLifeDays);
        ScoreBoard board(f.leads, f.index, f.catalogue);
        board.setModel(model);
        for (int row = 0; row < f.leads.size(); ++row) {
            if (std::any_of(f.activities.begin(), f.activities.begin() + qsizetype(before),
                            [&](const RawActivity &a) { return a.row == row && a.at > Now; }))
                continue; // fresh when first counted: see compareScoresAWeekBefore
            const double expected = f.referenceScore(model, f.leadList[size_t(row)], row, later);
            QVERIFY2(std::abs(board.score(row) - expected) <= 1e-3 * std::max(1.0, expected),
                     qPrintable(QStringLiteral("row %1: %2 vs %3")
                                    .arg(row)
                                    .arg(board.score(row))
                                    .arg(expected)));
        }
        compareScoresAWeekBefore(f, model, board, later);
    }

    void oneHalfLifeHalvesTheWeight()
    {
        QCOMPARE(FeatureIndex::decayFactor(0, 45), 1.0);
        QCOMPARE(FeatureIndex::decayFactor(45.0 * Day, 45), 0.5);
        QCOMPARE(FeatureIndex::decayFactor(90.0 * Day, 45), 0.25);
        QCOMPARE(FeatureIndex::decayFactor(-5.0 * Day, 45), 1.0); // from the future: fresh
        QCOMPARE(FeatureIndex::decayFactor(999.0 * Day, 0), 1.0); // no half-life: no decay
    }

    void growingKeepsWhatWasCounted()
    {
        FeatureIndex index(3, 10, Now);
        index.resize(2);
        index.add(1, 2, Now);
        index.add(1, 2, Now);
        index.resize(5000);
        QCOMPARE(index.count(2, 1), quint16(2));
        QCOMPARE(index.decayedSum(2, 1), 2.0f);
        QCOMPARE(index.count(2, 4999), quint16(0));
        QCOMPARE(index.lastActivityAt(1), Now);
    }

    // Counts take a byte; from 255 on they are kept apart. A lead's 300 page views count 300
    // (the rule "2 points a page view, not decaying" gives 600), in the column visits, in a
    // copy taken before the last of them, and read back from a saved state; 70,000 saturate.
    void largeCountsStayExact()
    {
        FeatureIndex index(3, 30, Now);
        index.setRecentWindow(7 * Day);
        index.resize(20'000);
        for (int i = 0; i < 254; ++i)
            index.add(9'000, 1, Now - Day);
        const FeatureIndex at254 = index;
        for (int i = 0; i < 46; ++i)
            index.add(9'000, 1, Now - Day);
        for (int i = 0; i < 70'000; ++i)
            index.add(3, 2, Now - 30 * Day);
        index.add(19'999, 1, Now);
        index.finishBuild();
        const auto check = [](const FeatureIndex &x, int pageViews, int many) {
            QCOMPARE(x.count(1, 9'000), quint16(pageViews));
            QCOMPARE(x.count(2, 3), quint16(many));
            QCOMPARE(x.count(1, 19'999), quint16(many ? 1 : 0));
            QCOMPARE(x.count(1, 9'001), quint16(0));
            std::vector<int> visited(20'000, -1);
            x.forEachRow(1, 20'000, [&](int row, float, quint16 c) { visited[size_t(row)] = c; });
            QCOMPARE(visited[9'000], pageViews);
            QCOMPARE(visited[19'999], many ? 1 : 0);
        };
        check(index, 300, 65'535);
        check(at254, 254, 0);

        FeatureIndex read;
        throughState([&](StateWriter &out) { index.save(out); },
                     [&](StateReader &in) { read.restore(in, Now, 3, 20'000); });
        check(read, 300, 65'535);
        read.add(9'000, 1, Now);
        QCOMPARE(read.count(1, 9'000), quint16(301));
        QCOMPARE(index.count(1, 9'000), quint16(300));
        QCOMPARE(read.decayedSum(1, 9'000), index.decayedSum(1, 9'000) + 1.0f);
    }

    // A large count is held apart at some 24 bytes: a saved state claiming one for most leads
    // (damaged, or made to exhaust memory) is refused rather than read.
    void aStateOfMostlyLargeCountsIsRefused()
    {
        FeatureIndex index(2, 30, Now);
        index.resize(20'000);
        for (int row = 0; row < 4'000; ++row) {
            for (int i = 0; i < 256; ++i)
                index.add(row, 1, Now - Day);
        }
        index.finishBuild();
        FeatureIndex read;
        QVERIFY_THROWS_EXCEPTION(
            Error, throughState([&](StateWriter &out) { index.save(out); },
                                [&](StateReader &in) { read.restore(in, Now, 2, 20'000); }));
        // Fewer of them (an eighth of the leads) read back as they were.
        FeatureIndex fewer(2, 30, Now);
        fewer.resize(20'000);
        for (int i = 0; i < 256; ++i)
            fewer.add(7, 1, Now - Day);
        throughState([&](StateWriter &out) { fewer.save(out); },
                     [&](StateReader &in) { read.restore(in, Now, 2, 20'000); });
        QCOMPARE(read.count(1, 7), quint16(256));
    }

    // A rare type (a few leads in a hundred booked a webinar) is kept sparse: its blocks take
    // a fraction of their dense size, and every lead scores as from a plain list of its
    // activities: built, then counting new ones into sparse blocks (one lead past 255 of
    // them), read back from a saved state, and under another half-life.
    void rareTypesKeptSparseScoreAsEveryOther()
    {
        std::mt19937_64 rng(31);
        ScoringFixture f;
        const int leads = 3 * FeatureIndex::BlockSize + 500;
        fillRandomly(f, rng, leads, 0);
        const int common = 0;
        const int rare = 1;
        for (int row = 0; row < leads; ++row) {
            f.activities.push_back({row, common, Now - qint64(rng() % (90 * Day))});
            if (rng() % 40 == 0)
                f.activities.push_back({row, rare, Now - qint64(rng() % (90 * Day))});
        }
        f.buildIndex(30, Now);
        const size_t denseTypeBytes = size_t(4 * FeatureIndex::BlockSize) * (sizeof(float) + 1);
        const size_t denseBytes = size_t(f.catalogue.count()) * denseTypeBytes;
        QVERIFY2(f.index.memoryBytes() < denseBytes / 2,
                 qPrintable(QStringLiteral("%1 of %2").arg(f.index.memoryBytes()).arg(denseBytes)));
        // The rare type itself: what it adds to an index of the common type alone is a small
        // part of a dense type's columns.
        {
            FeatureIndex commonOnly(f.catalogue.count(), 30, Now);
            commonOnly.setRecentWindow(7 * Day);
            commonOnly.resize(leads);
            for (const RawActivity &a : f.activities) {
                if (a.type == common)
                    commonOnly.add(a.row, a.type, a.at);
            }
            commonOnly.finishBuild();
            const size_t rareBytes = f.index.memoryBytes() - commonOnly.memoryBytes();
            QVERIFY2(rareBytes < denseTypeBytes / 4,
                     qPrintable(QStringLiteral("%1 of %2").arg(rareBytes).arg(denseTypeBytes)));
        }

        ScoringModel model = ScoringModel::standard();
        model.activities = {{f.catalogue.types()[common].code, 3, {}, true},
                            {f.catalogue.types()[rare].code, 25, 60.0, true},
                            {f.catalogue.types()[2].code, -4, {}, false}};
        model.halfLifeDays = 30;
        const auto compareAll = [&](const FeatureIndex &index, const char *when) {
            ScoreBoard board(f.leads, index, f.catalogue);
            board.setModel(model);
            for (int row = 0; row < leads; ++row) {
                const double expected = f.referenceScore(model, f.leadList[size_t(row)], row, Now);
                if (std::abs(board.score(row) - expected) > 1e-3 * std::max(1.0, expected)) {
                    QFAIL(qPrintable(QStringLiteral("%1, row %2: %3 vs %4")
                                         .arg(QLatin1String(when))
                                         .arg(row)
                                         .arg(board.score(row))
                                         .arg(expected)));
                }
            }
        };
        compareAll(f.index, "built");

        // New activities into sparse blocks, in no order; one lead does the rare thing 300
        // times, another the never-seen type 2.
        for (int k = 0; k < 2000; ++k) {
            const RawActivity a{int(rng() % leads), rare, Now - qint64(rng() % (5 * Day))};
            f.activities.push_back(a);
            f.index.add(a.row, a.type, a.at);
        }
        for (int k = 0; k < 300; ++k) {
            f.activities.push_back({7, rare, Now - Day});
            f.index.add(7, rare, Now - Day);
        }
        f.activities.push_back({leads - 1, 2, Now});
        f.index.add(leads - 1, 2, Now);
        QCOMPARE(f.index.count(rare, 7) >= 300, true);
        QCOMPARE(f.index.count(2, leads - 1), quint16(1));
        compareAll(f.index, "counted");

        FeatureIndex read;
        throughState([&](StateWriter &out) { f.index.save(out); },
                     [&](StateReader &in) { read.restore(in, Now, f.catalogue.count(), leads); });
        QVERIFY(read.memoryBytes() < denseBytes / 2);
        compareAll(read, "read back");

        model.halfLifeDays = 9;
        const FeatureIndex nine = f.index.underHalfLife(9, [&](const auto &add) {
            for (const RawActivity &a : f.activities)
                add(a.row, a.type, a.at);
        });
        QVERIFY(nine.memoryBytes() < denseBytes / 2);
        compareAll(nine, "under a new half-life");
        DecayedSums sums(f.catalogue.count(), leads, 9, Now);
        for (const RawActivity &a : f.activities)
            sums.add(a.row, a.type, a.at);
        f.index.takeDecay(std::move(sums));
        QVERIFY(f.index.memoryBytes() < denseBytes / 2);
        compareAll(f.index, "taking sums of a new half-life");
    }

    // The tuning workspace holds a copy of the console's index while the console goes on
    // counting: the copy keeps what it counted, and the two share the memory of every block
    // the console has not written to since (the clock moving writes none).
    void aCopySharesWhatTheOriginalDoesNotWriteAfterIt()
    {
        std::mt19937_64 rng(11);
        ScoringFixture f;
        fillRandomly(f, rng, 40'000, 120'000);
        f.buildIndex(30, Now);
        const FeatureIndex copy = f.index;
        const size_t whole = f.index.memoryBytes();
        QCOMPARE(copy.bytesSharedWith(f.index), whole);

        std::vector<std::array<float, 2>> before;
        for (int row = 0; row < 40'000; row += 997)
            before.push_back({copy.decayedSum(3, row), float(copy.count(3, row))});
        f.index.advanceTo(Now + 20 * Day);
        QCOMPARE(copy.bytesSharedWith(f.index), whole);

        f.index.add(5, 3, Now + 20 * Day); // one lead's activity: its blocks only
        f.index.resize(40'001);            // a new lead: new blocks at the end
        f.index.add(40'000, 1, Now + 20 * Day);
        const size_t shared = copy.bytesSharedWith(f.index);
        // Four written blocks of five (sums, count, latest activity and its type) are a
        // fifth of the index at most.
        QVERIFY2(shared < whole && shared > whole * 8 / 10,
                 qPrintable(QStringLiteral("%1 of %2 bytes shared").arg(shared).arg(whole)));
        for (size_t i = 0; i < before.size(); ++i) {
            const int row = int(i) * 997;
            QCOMPARE(copy.decayedSum(3, row), before[i][0]);
            QCOMPARE(float(copy.count(3, row)), before[i][1]);
        }
        QCOMPARE(copy.leadCount(), 40'000);
        QCOMPARE(copy.lastActivityAt(5) < Now + 20 * Day, true);
        QCOMPARE(f.index.lastActivityAt(5), Now + 20 * Day);
        QCOMPARE(f.index.count(1, 40'000), quint16(1));
        QCOMPARE(f.index.decayedSum(1, 40'000), 1.0f);
    }

    // A fade kept apart from the sums is written into them once it grows small (many
    // half-lives on): the sums stay those of a build at that time, before and after.
    void aLongFadeStaysExact()
    {
        std::mt19937_64 rng(13);
        ScoringFixture f;
        fillRandomly(f, rng, 60, 900);
        f.buildIndex(1, Now);
        const FeatureIndex copy = f.index;
        std::vector<float> copied;
        for (int t = 0; t < f.catalogue.count(); ++t) {
            for (int row = 0; row < 60; ++row)
                copied.push_back(copy.decayedSum(t, row));
        }
        for (int day = 1; day <= 40; ++day) {
            f.index.advanceTo(Now + day * Day);
            f.index.add(day % 60, day % f.catalogue.count(), Now + day * Day);
            f.activities.push_back({day % 60, day % f.catalogue.count(), Now + day * Day});
        }
        ScoringFixture later;
        later.leads = f.leads;
        later.activities = f.activities;
        later.buildIndex(1, Now + 40 * Day);
        for (int t = 0; t < f.catalogue.count(); ++t) {
            for (int row = 0; row < 60; ++row) {
                const float expected = later.index.decayedSum(t, row);
                QVERIFY2(std::abs(f.index.decayedSum(t, row) - expected) <= 1e-5f * (1 + expected),
                         qPrintable(QStringLiteral("type %1 row %2: %3, a build says %4")
                                        .arg(t)
                                        .arg(row)
                                        .arg(f.index.decayedSum(t, row))
                                        .arg(expected)));
            }
        }
        // Writing the fade into the sums wrote the original's blocks, not the copy's: only
        // the recent week as built (never written afterwards) is still shared.
        QVERIFY(copy.bytesSharedWith(f.index) <= copy.recent().memoryBytes());
        for (int t = 0, i = 0; t < f.catalogue.count(); ++t) {
            for (int row = 0; row < 60; ++row, ++i)
                QCOMPARE(copy.decayedSum(t, row), copied[size_t(i)]);
        }
    }

    // The recent window's build list (16 bytes an activity) is given back once the build ends
    // (at a million leads it held 134 MB for the console's lifetime), and what it holds then,
    // collected over several blocks, is each lead's own: a type in a byte while there are
    // at most 256 (a busy week at a million leads is millions of activities), else two.
    void theRecentWindowKeepsOnlyItsPackedEvents_data()
    {
        QTest::addColumn<int>("typeCount");
        QTest::addColumn<int>("typeBytes");
        QTest::newRow("4 types") << 4 << 1;
        QTest::newRow("256 types") << 256 << 1;
        QTest::newRow("300 types") << 300 << 2;
    }
    void theRecentWindowKeepsOnlyItsPackedEvents()
    {
        QFETCH(int, typeCount);
        QFETCH(int, typeBytes);
        const int leads = 1000;
        const int recentActivities = 140000; // more than two of the build's blocks
        FeatureIndex index(typeCount, 30, Now);
        index.setRecentWindow(7 * Day);
        index.resize(leads);
        std::vector<int> count(leads, 0);
        std::vector<double> weight(leads, 0);
        std::vector<std::vector<int>> types(leads, std::vector<int>(size_t(typeCount), 0));
        for (int i = 0; i < recentActivities; ++i) {
            const int row = (i * 7919) % leads;
            const int type = (i / 3) % typeCount;
            const qint64 at = Now - (qint64(i) * 37 % (6 * Day));
            index.add(row, type, at);
            ++count[size_t(row)];
            weight[size_t(row)] += FeatureIndex::decayFactor(double(Now - at), 30);
            ++types[size_t(row)][size_t(type)];
        }
        index.finishBuild();
        // Per activity a time (4 bytes) and a type; per lead an offset (4).
        const size_t packed =
            size_t(recentActivities) * size_t(4 + typeBytes) + size_t(leads + 1) * 4;
        QVERIFY2(index.recent().memoryBytes() <= packed,
                 qPrintable(QStringLiteral("%1 bytes held for %2 packed")
                                .arg(index.recent().memoryBytes())
                                .arg(packed)));
        const auto checkEveryLead = [&](const RecentActivity &recent) {
            for (int row = 0; row < leads; ++row) {
                int seen = 0;
                double sum = 0;
                std::vector<int> byType(size_t(typeCount), 0);
                recent.forEach(row, [&](int type, float w, int) {
                    ++seen;
                    sum += w;
                    ++byType[size_t(type)];
                });
                QCOMPARE(seen, count[size_t(row)]);
                QVERIFY(byType == types[size_t(row)]);
                QVERIFY2(qAbs(sum - weight[size_t(row)]) < 1e-3 * count[size_t(row)],
                         qPrintable(QStringLiteral("lead row %1: %2, expected %3")
                                        .arg(row)
                                        .arg(sum)
                                        .arg(weight[size_t(row)])));
            }
        };
        checkEveryLead(index.recent());
        // A saved state holds the same, read back at the width its type count needs.
        RecentActivity read;
        read.setWindow(index.recent().window());
        throughState([&](StateWriter &out) { index.recent().save(out, leads); },
                     [&](StateReader &in) { read.restore(in, leads, typeCount); });
        read.setClock(Now, 30);
        checkEveryLead(read);
        QVERIFY(read.memoryBytes() <= packed);
    }
};

QTEST_GUILESS_MAIN(TestFeatureIndex)
#include "tst_featureindex.moc"
