#include "scoring/scoringmodel.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "scoring/rulelist.h"
#include "store/error.h"

namespace handoff {

namespace {

// The part of the model an Error is about: "model", "activities[1]", "fit_rules[2]".
ErrorWhere at(const QString &path)
{
    return ErrorWhere::forRecord(path);
}

void readNumber(const QJsonObject &json, const QString &key, const QString &where, double *out,
                bool required = true)
{
    const QJsonValue v = json.value(key);
    if (v.isUndefined() && !required)
        return;
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        throw Error(ScoringModel::tr("%1 must be a number").arg(key), at(where));
    if (std::abs(v.toDouble()) > ScoringModel::MaxMagnitude)
        throw Error(ScoringModel::tr("%1 is %2; it must lie between -%3 and %3")
                        .arg(key)
                        .arg(v.toDouble())
                        .arg(ScoringModel::MaxMagnitude),
                    at(where));
    *out = v.toDouble();
}

QJsonArray arrayOf(const QJsonObject &root, const QString &key)
{
    const QJsonValue v = root.value(key);
    if (!v.isArray() && !v.isUndefined())
        throw Error(ScoringModel::tr("%1 must be a list").arg(key));
    return v.toArray();
}

// A rule's own part of its JSON, beside its condition: a fit rule's points, a
// disqualification's reason.
void writeRest(const FitRule &rule, QJsonObject *o)
{
    o->insert(QStringLiteral("points"), rule.points);
}

void writeRest(const DisqualificationRule &rule, QJsonObject *o)
{
    o->insert(QStringLiteral("reason"), rule.reason);
}

void readRest(const QJsonObject &o, const QString &where, FitRule *rule)
{
    readNumber(o, QStringLiteral("points"), where, &rule->points);
}

void readRest(const QJsonObject &o, const QString &where, DisqualificationRule *rule)
{
    rule->reason = o.value(QStringLiteral("reason")).toString().trimmed();
    if (rule->reason.isEmpty())
        throw Error(ScoringModel::tr("reason is missing"), at(where));
}

// The JSON key of a kind of rule's list.
template <typename Rule> QString rulesKey()
{
    return RuleList<Rule>::kind == RuleKind::Fit ? QStringLiteral("fit_rules")
                                                 : QStringLiteral("disqualification");
}

template <typename Rule> QJsonArray rulesToJson(const ScoringModel &m)
{
    QJsonArray rules;
    for (const Rule &r : m.*RuleList<Rule>::of) {
        QJsonObject o = r.when.toJson();
        writeRest(r, &o);
        rules.append(o);
    }
    return rules;
}

// Reads the rules of a kind into *m; throws Error saying what and where on failure.
template <typename Rule> void readRules(const QJsonObject &root, ScoringModel *m)
{
    const QJsonArray rules = arrayOf(root, rulesKey<Rule>());
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(rulesKey<Rule>()).arg(i);
        const QJsonObject o = rules.at(i).toObject();
        Rule rule;
        rule.when = Condition::fromJson(o, at(where));
        readRest(o, where, &rule);
        (m->*RuleList<Rule>::of).append(rule);
    }
}

} // namespace

const ActivityWeight *ScoringModel::weightFor(const QString &type) const
{
    for (const ActivityWeight &w : activities) {
        if (w.type == type)
            return &w;
    }
    return nullptr;
}

QChar ScoringModel::fitGrade(double fitPoints) const
{
    if (fitPoints >= gradeA)
        return QLatin1Char('A');
    if (fitPoints >= gradeB)
        return QLatin1Char('B');
    if (fitPoints >= gradeC)
        return QLatin1Char('C');
    return QLatin1Char('D');
}

QByteArray ScoringModel::toJson() const
{
    QJsonArray weights;
    for (const ActivityWeight &w : activities) {
        QJsonObject o{{QStringLiteral("type"), w.type}, {QStringLiteral("points"), w.points}};
        if (w.cap)
            o.insert(QStringLiteral("cap"), *w.cap);
        o.insert(QStringLiteral("decays"), w.decays);
        weights.append(o);
    }
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("handoff-scoring-model/1")},
        {QStringLiteral("mql_threshold"), mqlThreshold},
        {QStringLiteral("half_life_days"), halfLifeDays},
        {QStringLiteral("fit_grades"), QJsonObject{{QStringLiteral("A"), gradeA},
                                                   {QStringLiteral("B"), gradeB},
                                                   {QStringLiteral("C"), gradeC}}},
        {QStringLiteral("activities"), weights},
        {rulesKey<FitRule>(), rulesToJson<FitRule>(*this)},
        {rulesKey<DisqualificationRule>(), rulesToJson<DisqualificationRule>(*this)},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

ScoringModel ScoringModel::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw Error(tr("not valid JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    if (!doc.isObject())
        throw Error(tr("a scoring model is a JSON object"));
    const QJsonObject root = doc.object();
    const QString top = QStringLiteral("model");
    // A misspelt key would otherwise be ignored and its part of the model silently lost.
    static const QStringList known = {
        QStringLiteral("format"),          QStringLiteral("mql_threshold"),
        QStringLiteral("half_life_days"),  QStringLiteral("fit_grades"),
        QStringLiteral("activities"),      QStringLiteral("fit_rules"),
        QStringLiteral("disqualification")};
    for (const QString &key : root.keys()) {
        if (!known.contains(key))
            throw Error(
                tr("unknown key '%1' (known: %2)").arg(key, known.join(QStringLiteral(", "))),
                at(top));
    }
    ScoringModel m;
    readNumber(root, QStringLiteral("mql_threshold"), top, &m.mqlThreshold);
    readNumber(root, QStringLiteral("half_life_days"), top, &m.halfLifeDays);
    if (m.halfLifeDays < 0)
        throw Error(tr("half_life_days must be 0 (no decay) or more"), at(top));
    const QJsonObject grades = root.value(QStringLiteral("fit_grades")).toObject();
    const QString gw = QStringLiteral("fit_grades");
    readNumber(grades, QStringLiteral("A"), gw, &m.gradeA, false);
    readNumber(grades, QStringLiteral("B"), gw, &m.gradeB, false);
    readNumber(grades, QStringLiteral("C"), gw, &m.gradeC, false);
    if (!(m.gradeA >= m.gradeB && m.gradeB >= m.gradeC))
        throw Error(tr("A must be at least B, and B at least C"), at(gw));

    const QJsonArray weights = arrayOf(root, QStringLiteral("activities"));
    QSet<QString> seen;
    for (qsizetype i = 0; i < weights.size(); ++i) {
        const QString where = QStringLiteral("activities[%1]").arg(i);
        const QJsonObject o = weights.at(i).toObject();
        ActivityWeight w;
        w.type = o.value(QStringLiteral("type")).toString();
        if (w.type.isEmpty())
            throw Error(tr("type is missing"), at(where));
        if (seen.contains(w.type))
            throw Error(tr("type '%1' is listed twice").arg(w.type), at(where));
        seen.insert(w.type);
        readNumber(o, QStringLiteral("points"), where, &w.points);
        if (o.contains(QStringLiteral("cap")) && !o.value(QStringLiteral("cap")).isNull()) {
            double cap = 0;
            readNumber(o, QStringLiteral("cap"), where, &cap);
            if (cap < 0)
                throw Error(tr("cap must be 0 or more (it limits the size of the points)"),
                            at(where));
            w.cap = cap;
        }
        w.decays = o.value(QStringLiteral("decays")).toBool(true);
        m.activities.append(w);
    }

    readRules<FitRule>(root, &m);
    readRules<DisqualificationRule>(root, &m);
    return m;
}

ScoringModel ScoringModel::standard()
{
    ScoringModel m;
    const auto weight = [&](const char *type, double points, std::optional<double> cap = {},
                            bool decays = true) {
        m.activities.append({QString::fromLatin1(type), points, cap, decays});
    };
    // Hand-raises: they go to sales whatever the score, but the points still tell the story.
    weight("demo_request", 50);
    weight("quote_request", 50);
    weight("trial_signup", 40);
    weight("pricing_request", 40);
    weight("contact_request", 30);
    // Engagement, after the market leaders' defaults; repeatable actions are capped.
    weight("form_submit", 10, 30);
    weight("ebook_download", 8, 24);
    weight("whitepaper_download", 8, 24);
    weight("webinar_registered", 5, 15);
    weight("webinar_attended", 10, 30);
    weight("video_watched", 5, 15);
    weight("email_open", 1, 1); // the first open counts, later ones add nothing
    weight("email_click", 3, 15);
    weight("site_visit", 3, 15);
    weight("page_view", 1, 10);
    weight("pricing_page_view", 5, 20);
    weight("site_search", 3, 9);
    weight("newsletter_signup", 5, 5);
    weight("ad_click", 3, 9);
    weight("social_follow", 2, 4);
    // Negative signals; a bounce or an unsubscribe does not fade with time.
    weight("form_error", -5, 15);
    weight("careers_page_view", -10, 30);
    weight("email_bounce", -20, 20, false);
    weight("unsubscribe", -30, 30, false);

    const auto list = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *item : items)
            out.append(QString::fromLatin1(item));
        return out;
    };
    using Op = Condition::Operator;
    const auto fit = [&](const char *field, Op op, QStringList values, double points) {
        m.fitRules.append({{QString::fromLatin1(field), op, values, {}, {}}, points});
    };
    fit("seniority", Op::OneOf, list({"C-level", "VP"}), 20);
    fit("seniority", Op::Equals, list({"Director"}), 12);
    fit("seniority", Op::Equals, list({"Manager"}), 5);
    fit("industry", Op::OneOf, list({"Software", "Financial Services", "Healthcare"}), 10);
    fit("country", Op::OneOf, list({"US", "GB", "DE", "CA", "NL"}), 5);
    m.fitRules.append({{QStringLiteral("company_size"), Op::Range, {}, 200.0, 5000.0}, 10});
    m.fitRules.append({{QStringLiteral("company_size"), Op::Range, {}, 5001.0, {}}, 6});
    m.fitRules.append({{QStringLiteral("company_size"), Op::Range, {}, {}, 10.0}, -5});
    // A B2B buyer writes from the company's domain; a gmail.com address is a weaker fit.
    fit("free_mail", Op::Equals, list({"yes"}), -5);

    const auto disqualify = [&](const char *field, Op op, QStringList values, const char *reason) {
        m.disqualifications.append({{QString::fromLatin1(field), op, values, {}, {}}, tr(reason)});
    };
    disqualify("email_domain", Op::OneOf, list({"rivalsoft.com", "leadcrunch.io"}),
               QT_TR_NOOP("Competitor"));
    disqualify("email_domain", Op::OneOf, list({"handoff.example"}), QT_TR_NOOP("Own staff"));
    // The throwaway-mailbox services are listed once, in normalize.cpp.
    disqualify("disposable_mail", Op::Equals, list({"yes"}), QT_TR_NOOP("Disposable e-mail"));
    disqualify("title", Op::Contains, list({"student"}), QT_TR_NOOP("Student"));
    return m;
}

} // namespace handoff
