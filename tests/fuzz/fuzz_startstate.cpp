// libFuzzer target for reading a saved start state (ScoringEngine::restoreState, through
// StateReader), the one file Handoff reads back that it wrote itself: a damaged or hostile
// file in the user's cache must be refused with a message, never crash, hang or make the
// process allocate what the file cannot hold. The target gives each input a valid trailer
// (its length and XXH3 hash), so inputs reach the parsing past the hash check. Whatever is
// read must be usable: every lead scored and explained, the week-ago score computed.
//   HANDOFF_FUZZ_WRITE_SEED=FILE fuzz_startstate   writes a good state (the seed) and stops

#include <cstdint>
#include <cstdlib>

#include <xxhash.h>

#include <QDateTime>
#include <QFile>

#include "demo/demogenerator.h"
#include "fuzzsupport.h"
#include "scoring/scoringengine.h"
#include "scoring/statestream.h"
#include "store/database.h"
#include "store/error.h"
#include "store/transaction.h"

using namespace handoff;

using fuzzsupport::check;

namespace {

// A small demo database, the same on every run: the activity types a state is checked
// against, and no scoring model version (the standard model scores).
constexpr qint64 Now = 1764000000;

Database &database()
{
    static Database db(fuzzsupport::scratch().filePath(QStringLiteral("state.sqlite")));
    static const bool filled = [] {
        DemoGenerator(db, {40, 3, Now, 4}).run();
        return true;
    }();
    (void)filled;
    return db;
}

QByteArray withTrailer(QByteArray content)
{
    const quint64 length = quint64(content.size());
    content.append(reinterpret_cast<const char *>(&length), sizeof length);
    const quint64 hash = XXH3_64bits(content.constData(), size_t(content.size()));
    content.append(reinterpret_cast<const char *>(&hash), sizeof hash);
    return content;
}

void writeSeed(const char *path)
{
    ScoringEngine engine;
    engine.load(database(), Now);
    QFile file(QString::fromLocal8Bit(path));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    StateWriter out(file);
    engine.saveState(out);
    out.finish();
    file.close();
    // The corpus holds the content only: the target adds the trailer to whatever it is given.
    file.open(QIODevice::ReadWrite);
    file.resize(file.size() - 2 * qint64(sizeof(quint64)));
    std::exit(0);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzzsupport::start(argc, argv);
    if (const char *seed = std::getenv("HANDOFF_FUZZ_WRITE_SEED"))
        writeSeed(seed);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Database &db = database();
    const QString path = fuzzsupport::writeScratch(
        QStringLiteral("input.state"),
        withTrailer(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size))));
    QFile file(path);
    check(file.open(QIODevice::ReadOnly), "the input can be opened");
    ScoringEngine engine;
    Transaction read(db.connection(), Transaction::Kind::Read);
    try {
        StateReader in(file, path);
        engine.restoreState(in, db, Now + 86400);
    } catch (const Error &e) {
        check(!e.message().isEmpty(), "a refused state comes with a message");
        return 0;
    }
    const ScoreBoard &scores = engine.scores();
    for (int row = 0; row < engine.leads().size(); ++row) {
        (void)scores.score(row);
        (void)scores.scoreBefore(row);
        (void)scores.explain(row);
        (void)engine.leads().displayName(row);
        check(engine.leads().rowOf(engine.leads().id(row)) == row, "ids find their rows");
    }
    return 0;
}
