// What "Apply all" lists before it asks: one line per change a suggestion makes, worked out
// by hand on a small model.

#include <QTest>

#include "scoring/suggestionchanges.h"

using namespace handoff;

namespace {
Condition when(const char *field, QStringList values)
{
    Condition c;
    c.field = QString::fromLatin1(field);
    c.op = values.size() == 1 ? Condition::Operator::Equals : Condition::Operator::OneOf;
    c.values = std::move(values);
    return c;
}

Suggestion activity(const char *type, const char *label, int points,
                    std::optional<double> cap = std::nullopt)
{
    Suggestion s;
    s.kind = Suggestion::Kind::Activity;
    s.activityType = QString::fromLatin1(type);
    s.label = QString::fromLatin1(label);
    s.points = points;
    s.cap = cap;
    return s;
}

Suggestion fit(const char *field, const QString &value, const QString &label, int points)
{
    Suggestion s;
    s.kind = Suggestion::Kind::Fit;
    s.when = when(field, {value});
    s.label = label;
    s.points = points;
    return s;
}
} // namespace

class TestSuggestionChanges : public QObject
{
    Q_OBJECT

private slots:
    void eachChangeIsOneLine()
    {
        ScoringModel model;
        model.activities = {
            ActivityWeight{QStringLiteral("webinar_attended"), 10, std::nullopt, true},
            ActivityWeight{QStringLiteral("email_open"), 1, std::nullopt, true}};
        model.fitRules = {
            FitRule{when("industry", {QStringLiteral("Software"), QStringLiteral("SaaS")}), 20},
            FitRule{when("seniority", {QStringLiteral("VP")}), 15},
            FitRule{when("country", {QStringLiteral("US")}), 5}};
        const QList<Suggestion> suggestions = {
            activity("webinar_attended", "Webinar attended", 12, 36),
            activity("demo_request", "Demo request", 25),
            activity("email_open", "E-mail opened", 1), // as it is: no line
            fit("industry", QStringLiteral("Software"), QStringLiteral("Industry is Software"), 18),
            fit("seniority", QStringLiteral("VP"), QStringLiteral("Seniority is VP"), 15), // same
            fit("country", QStringLiteral("US"), QStringLiteral("Country is US"), 0)};
        const QList<SuggestionChange> changes = SuggestionChanges::describe(model, suggestions);
        QCOMPARE(changes.size(), 5);

        QCOMPARE(changes[0].kind, SuggestionChange::Kind::ActivityPoints);
        QCOMPARE(changes[0].item, QStringLiteral("Webinar attended"));
        QCOMPARE(changes[0].before, QStringLiteral("+10 points"));
        QCOMPARE(changes[0].after, QStringLiteral("+12 points, cap 36"));

        QCOMPARE(changes[1].kind, SuggestionChange::Kind::NewActivity);
        QCOMPARE(changes[1].before, QStringLiteral("none"));
        QCOMPARE(changes[1].after, QStringLiteral("+25 points"));

        // Software gets a rule of its own.
        QCOMPARE(changes[2].kind, SuggestionChange::Kind::NewRule);
        QVERIFY(changes[2].item.contains(QStringLiteral("Software")));
        QCOMPARE(changes[2].after, QStringLiteral("+18 points"));

        // 0 points takes the rule out.
        QCOMPARE(changes[3].kind, SuggestionChange::Kind::RuleRemoved);
        QCOMPARE(changes[3].before, QStringLiteral("+5 points"));
        QCOMPARE(changes[3].after, QStringLiteral("none"));

        // The suggestions are the whole story of industry: the rule Software shared with SaaS
        // goes, and SaaS leads are the field's baseline.
        QCOMPARE(changes[4].kind, SuggestionChange::Kind::Replaced);
        QVERIFY2(changes[4].item.contains(QStringLiteral("SaaS")), qPrintable(changes[4].item));
        QCOMPARE(changes[4].before, QStringLiteral("+20 points"));
        QVERIFY2(changes[4].after.contains(QStringLiteral("baseline")),
                 qPrintable(changes[4].after));

        // What the lines describe is what applyAll does.
        const ScoringModel after = Suggester::applyAll(model, suggestions);
        QCOMPARE(after.weightFor(QStringLiteral("webinar_attended"))->points, 12.0);
        QCOMPARE(after.fitRules.size(), 2); // VP, Software
        QVERIFY(SuggestionChanges::describe(after, suggestions).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSuggestionChanges)
#include "tst_suggestionchanges.moc"
