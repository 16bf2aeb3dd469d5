// libFuzzer target for the scoring model's JSON (ScoringModel::fromJson / toJson), which
// `handoff model import` reads from any file a user hands it. Besides what the sanitizers
// catch, it checks that a model the reader accepts is written back as JSON the reader
// accepts again, unchanged, and that its conditions can be evaluated.

#include <cstdint>

#include "fuzzsupport.h"
#include "scoring/scoringmodel.h"
#include "store/error.h"

using namespace handoff;

using fuzzsupport::check;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzzsupport::start(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    std::optional<ScoringModel> model;
    try {
        model = ScoringModel::fromJson(json);
    } catch (const Error &e) {
        check(!e.message().isEmpty(), "a refused model comes with a message");
        return 0;
    }

    const QByteArray written = model->toJson();
    std::optional<ScoringModel> back;
    try {
        back = ScoringModel::fromJson(written);
    } catch (const Error &e) {
        check(false, "a model it wrote reads back",
              e.message() + QLatin1Char(' ') + QString::fromUtf8(written));
    }
    check(back.has_value(), "a model it wrote reads back", QString::fromUtf8(written));
    check(*back == *model, "a model survives a JSON round trip", QString::fromUtf8(written));
    check(back->toJson() == written, "writing a model is stable");

    // Conditions are evaluated against lead values; a few typical ones.
    const QString values[] = {QString(), QStringLiteral("VP Sales"), QStringLiteral("250"),
                              QStringLiteral("-1e308"), QStringLiteral("de")};
    for (const FitRule &rule : model->fitRules) {
        for (const QString &value : values)
            (void)rule.when.matches(value);
    }
    for (const DisqualificationRule &rule : model->disqualifications) {
        for (const QString &value : values)
            (void)rule.when.matches(value);
    }
    for (const ActivityWeight &weight : model->activities)
        check(model->weightFor(weight.type) != nullptr, "every listed type has a weight");
    (void)model->fitGrade(0);
    return 0;
}
