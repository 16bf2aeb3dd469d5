// Suggestion quality benchmark: writes two leads files shaped like real exports from one
// known truth (see exportgenerator.h), imports each through the importer into its own
// database, runs "Suggest from history" on the first, applies every suggestion to the live
// model and scores the second file's leads with it (final scores: fit points plus every
// pre-decision activity, undecayed, as the history is undated). Prints that held-out AUC
// beside the default model's and a plain L2 logistic regression's fitted on the same
// non-leaking fields, the leaks found against the ones planted, the largest point against the
// bound, and the points given to pure noise.
//   bench_suggest [--leads N] [--seed S] [--keep DIR]

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "exportgenerator.h"
#include "io/leadimporter.h"
#include "scoring/leadfields.h"
#include "scoring/learninghistory.h"
#include "scoring/logisticregression.h"
#include "scoring/rocauc.h"
#include "scoring/scoreboard.h"
#include "scoring/suggester.h"
#include "scoring/valueparsers.h"
#include "store/database.h"

using namespace handoff;

namespace {

QByteArray text(const QString &s)
{
    return s.toUtf8();
}

void importFile(Database &db, const QString &path, qint64 now)
{
    LeadImporter importer(db, path);
    importer.open(QString()); // an Error ends the run with its message
    const ImportSummary summary =
        importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("bench"), now);
    std::printf("  %s: %lld new leads, %lld rejected, %lld activities\n",
                text(QFileInfo(path).fileName()).constData(), qint64(summary.created),
                qint64(summary.rejected), qint64(summary.activities));
}

// The final score of every training row of `history` under `model`: fit points, undecayed
// activity points within their caps, and disqualified leads last.
std::vector<double> finalScores(const ScoringModel &model, const LearningHistory &history,
                                bool disqualify = true)
{
    const LeadTable &leads = history.leads;
    const TrainingSet &set = history.set;
    const std::vector<ScoreBoard::Weight> weights =
        ScoreBoard::weightsFor(model, history.catalogue);
    std::vector<double> scores(size_t(set.size()), 0.0);
    for (int i = 0; i < set.size(); ++i) {
        const int row = set.leadRow(i);
        const auto value = [&](const Condition &when) {
            const int c = leads.columnIndex(when.field);
            return c >= 0 ? leads.column(c).value(row) : QString();
        };
        double score = 0;
        for (const FitRule &rule : model.fitRules)
            score += rule.when.matches(value(rule.when)) ? rule.points : 0.0;
        for (size_t t = 0; t < weights.size(); ++t) {
            const double count = set.activities()[t].counts[size_t(i)];
            score += ScoreBoard::contribution(weights[t], count, count);
        }
        for (const DisqualificationRule &rule : model.disqualifications)
            score = disqualify && rule.when.matches(value(rule.when)) ? -1e9 : score;
        scores[size_t(i)] = score;
    }
    return scores;
}

double auc(const std::vector<double> &scores, const TrainingSet &set)
{
    return metrics::rocAuc(scores, set.labels()).value_or(0.5);
}

// A plain L2 logistic regression on the columns the suggester did not flag: numeric columns
// as numbers and their logarithm (with a missing indicator), others one-hot for values at least 10
// training leads have, activity counts as they are. Fitted on `train`, scored on `test`.
class PlainRegression
{
public:
    PlainRegression(const LearningHistory &train, const QStringList &leftOut)
    {
        const LeadTable &leads = train.leads;
        for (int c = 0; c < leads.columnCount(); ++c) {
            const QString name = leads.columnNames().at(c);
            if (leftOut.contains(name))
                continue;
            int filled = 0;
            int numbers = 0;
            QHash<QString, int> counts;
            for (int i = 0; i < train.set.size(); ++i) {
                const QString v = leads.column(c).value(train.set.leadRow(i)).trimmed();
                if (v.isEmpty())
                    continue;
                ++filled;
                numbers += valueparsers::number(v) ? 1 : 0;
                ++counts[v.toCaseFolded()];
            }
            if (filled == 0)
                continue;
            if (numbers >= filled * 9 / 10) {
                m_columns.append({name, true, {}});
                continue;
            }
            Column column{name, false, {}};
            for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
                if (it.value() >= 10)
                    column.values.append(it.key());
            }
            if (!column.values.isEmpty())
                m_columns.append(column);
        }
        m_activityTypes = int(train.set.activities().size());
        const int cols = width();
        LogisticRegression::Options options;
        m_regression.fit(
            train.set.size(), cols, [&](int row, double *x) { features(train, row, x); },
            train.set.labels(), options);
    }

    std::vector<double> scores(const LearningHistory &test) const
    {
        std::vector<double> x(static_cast<size_t>(width()));
        std::vector<double> out(size_t(test.set.size()));
        for (int i = 0; i < test.set.size(); ++i) {
            features(test, i, x.data());
            out[size_t(i)] = m_regression.logit(x.data());
        }
        return out;
    }

    int width() const
    {
        int cols = m_activityTypes;
        for (const Column &c : m_columns)
            cols += c.numeric ? 3 : int(c.values.size());
        return cols;
    }

private:
    struct Column
    {
        QString name;
        bool numeric;
        QStringList values;
    };

    void features(const LearningHistory &h, int i, double *x) const
    {
        int j = 0;
        for (int t = 0; t < m_activityTypes; ++t) {
            const auto &columns = h.set.activities();
            x[j++] = size_t(t) < columns.size() ? columns[size_t(t)].counts[size_t(i)] : 0.0;
        }
        const int row = h.set.leadRow(i);
        for (const Column &c : m_columns) {
            const int col = h.leads.columnIndex(c.name);
            const QString v = col >= 0 ? h.leads.column(col).value(row).trimmed() : QString();
            if (c.numeric) {
                const auto n = valueparsers::number(v);
                x[j++] = n.value_or(0.0);
                x[j++] = std::log1p(std::max(n.value_or(0.0), 0.0));
                x[j++] = n ? 0.0 : 1.0;
            } else {
                const QString key = v.toCaseFolded();
                for (const QString &value : c.values)
                    x[j++] = key == value ? 1.0 : 0.0;
            }
        }
    }

    QList<Column> m_columns;
    int m_activityTypes = 0;
    LogisticRegression m_regression;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption leadsOption(QStringLiteral("leads"),
                                         QStringLiteral("Leads in each file (default 9000)."),
                                         QStringLiteral("N"), QStringLiteral("9000"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"), QStringLiteral("Seed of the first file (the second: seed + 1)."),
        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption keepOption(
        QStringLiteral("keep"),
        QStringLiteral("Write the files and databases into DIR and keep them."),
        QStringLiteral("DIR"));
    const QCommandLineOption trainOption(
        QStringLiteral("train"),
        QStringLiteral("Learn from this leads file instead of a generated one (with --test)."),
        QStringLiteral("FILE"));
    const QCommandLineOption testOption(QStringLiteral("test"),
                                        QStringLiteral("Score this leads file (with --train)."),
                                        QStringLiteral("FILE"));
    parser.addOptions({leadsOption, seedOption, keepOption, trainOption, testOption});
    parser.process(app);
    const int leads = parser.value(leadsOption).toInt();
    const quint64 seed = parser.value(seedOption).toULongLong();

    QTemporaryDir temp;
    const QString dir = parser.isSet(keepOption) ? parser.value(keepOption) : temp.path();
    const bool generated = !parser.isSet(trainOption) || !parser.isSet(testOption);
    QString trainFile = parser.value(trainOption);
    QString testFile = parser.value(testOption);
    exportgen::Written truth;
    if (generated) {
        trainFile = dir + QStringLiteral("/train-leads.csv");
        testFile = dir + QStringLiteral("/test-leads.csv");
        const double trainRate = exportgen::write(trainFile, {leads, seed}).convertedShare;
        truth = exportgen::write(testFile, {leads, seed + 1});
        std::printf("Two export-like files of %d leads each: %.1f%% and %.1f%% converted\n", leads,
                    trainRate * 100, truth.convertedShare * 100);
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QFile::remove(dir + QStringLiteral("/train.db"));
    QFile::remove(dir + QStringLiteral("/test.db"));
    Database trainDb(dir + QStringLiteral("/train.db"));
    Database testDb(dir + QStringLiteral("/test.db"));
    importFile(trainDb, trainFile, now);
    importFile(testDb, testFile, now);

    Suggester::Options options;
    options.training.now = now;
    SuggestionResult result;
    const double suggestMs =
        bench::milliseconds([&] { result = Suggester::fromDatabase(trainDb, options); });
    const LearningHistory train = LearningHistory::read(trainDb, options.training);
    const LearningHistory test = LearningHistory::read(testDb, options.training);
    const ScoringModel applied = Suggester::applyAll(train.live, result.suggestions);

    std::printf("\nSuggest: %d leads with a known outcome, %d suggestions, %.0f ms; its own "
                "held-out AUC %.3f\n",
                result.knownLeads, int(result.suggestions.size()), suggestMs,
                result.holdoutAuc.value_or(0.5));

    std::printf("\nLeaks %s\n", generated ? "planted and found" : "found");
    QStringList leftOut;
    for (const FlaggedField &flag : result.flagged) {
        if (!flag.kept)
            leftOut.append(flag.field);
    }
    const QStringList planted = generated ? exportgen::leakColumns() : QStringList();
    for (const QString &column : planted) {
        const bool found = leftOut.contains(leadfields::customField(column));
        std::printf("  %-18s %s\n", text(column).constData(), found ? "flagged" : "MISSED");
    }
    for (const FlaggedField &flag : result.flagged) {
        if (!planted.contains(flag.label))
            std::printf("  %-18s flagged%s: %s\n", text(flag.label).constData(),
                        generated ? ", but not planted" : "", text(flag.reason).constData());
    }

    int largest = 0;
    int noisePoints = 0;
    for (const Suggestion &s : result.suggestions) {
        largest = std::max(largest, std::abs(s.points));
        if (s.kind == Suggestion::Kind::Fit &&
            exportgen::noiseColumns().contains(leadfields::customName(s.when.field)))
            noisePoints = std::max(noisePoints, std::abs(s.points));
    }
    std::printf("\nPoints: largest %d, bound %d; largest on a noise column %d; %.1f points "
                "double the odds\n",
                largest, result.maxPoints, noisePoints, result.pointsToDoubleOdds);

    const double defaultAuc = auc(finalScores(train.live, test), test.set);
    const double appliedAuc = auc(finalScores(applied, test, false), test.set);
    const double disqualifiedAuc = auc(finalScores(applied, test), test.set);
    const PlainRegression plain(train, leftOut);
    const double plainAuc = auc(plain.scores(test), test.set);
    std::printf("\nAUC on the second file (%d leads, never seen by the fit)\n", test.set.size());
    if (generated) {
        std::vector<double> known;
        for (int i = 0; i < test.set.size(); ++i)
            known.push_back(truth.truth.value(test.leads.externalId(test.set.leadRow(i))));
        std::printf("  the truth (what the record says)     %.3f\n", auc(known, test.set));
    }
    std::printf("  default model                        %.3f\n", defaultAuc);
    std::printf("  applied suggestion, whole points      %.3f\n", appliedAuc);
    std::printf("  the same, the model's disqualified last %.3f\n", disqualifiedAuc);
    std::printf("  plain L2 logistic regression (%3d columns) %.3f\n", plain.width(), plainAuc);
    std::printf("  suggestion minus regression          %+.3f (goal: within 0.01)\n",
                appliedAuc - plainAuc);
    return 0;
}
