#include "scoring/scoringmodel.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "scoring/rulelist.h"

namespace handoff {

namespace {

bool readNumber(const QJsonObject &json, const QString &key, const QString &where, double *out,
                QString *error, bool required = true)
{
    const QJsonValue v = json.value(key);
    if (v.isUndefined() && !required)
        return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        *error = ScoringModel::tr("%1: %2 must be a number").arg(where, key);
        return false;
    }
    if (std::abs(v.toDouble()) > ScoringModel::MaxMagnitude) {
        *error = ScoringModel::tr("%1: %2 is %3; it must lie between -%4 and %4")
                     .arg(where, key)
                     .arg(v.toDouble())
                     .arg(ScoringModel::MaxMagnitude);
        return false;
    }
    *out = v.toDouble();
    return true;
}

QJsonArray arrayOf(const QJsonObject &root, const QString &key, QString *error, bool *ok)
{
    const QJsonValue v = root.value(key);
    *ok = v.isArray() || v.isUndefined();
    if (!*ok)
        *error = ScoringModel::tr("%1 must be a list").arg(key);
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

bool readRest(const QJsonObject &o, const QString &where, FitRule *rule, QString *error)
{
    return readNumber(o, QStringLiteral("points"), where, &rule->points, error);
}

bool readRest(const QJsonObject &o, const QString &where, DisqualificationRule *rule,
              QString *error)
{
    rule->reason = o.value(QStringLiteral("reason")).toString().trimmed();
    if (rule->reason.isEmpty())
        *error = ScoringModel::tr("%1: reason is missing").arg(where);
    return !rule->reason.isEmpty();
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

// Reads the rules of a kind into *m; false with *error saying what and where on failure.
template <typename Rule> bool readRules(const QJsonObject &root, ScoringModel *m, QString *error)
{
    bool ok = true;
    const QJsonArray rules = arrayOf(root, rulesKey<Rule>(), error, &ok);
    if (!ok)
        return false;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(rulesKey<Rule>()).arg(i);
        const QJsonObject o = rules.at(i).toObject();
        const auto when = Condition::fromJson(o, where, error);
        Rule rule;
        if (!when || !readRest(o, where, &rule, error))
            return false;
        rule.when = *when;
        (m->*RuleList<Rule>::of).append(rule);
    }
    return true;
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

std::optional<ScoringModel> ScoringModel::fromJson(const QByteArray &json, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("not valid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = tr("a scoring model is a JSON object");
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    // A misspelt key would otherwise be ignored and its part of the model silently lost.
    static const QStringList known = {
        QStringLiteral("format"),          QStringLiteral("mql_threshold"),
        QStringLiteral("half_life_days"),  QStringLiteral("fit_grades"),
        QStringLiteral("activities"),      QStringLiteral("fit_rules"),
        QStringLiteral("disqualification")};
    for (const QString &key : root.keys()) {
        if (!known.contains(key)) {
            *error = tr("model: unknown key '%1' (known: %2)")
                         .arg(key, known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
    }
    ScoringModel m;
    const QString top = QStringLiteral("model");
    if (!readNumber(root, QStringLiteral("mql_threshold"), top, &m.mqlThreshold, error) ||
        !readNumber(root, QStringLiteral("half_life_days"), top, &m.halfLifeDays, error))
        return std::nullopt;
    if (m.halfLifeDays < 0) {
        *error = tr("model: half_life_days must be 0 (no decay) or more");
        return std::nullopt;
    }
    const QJsonObject grades = root.value(QStringLiteral("fit_grades")).toObject();
    const QString gw = QStringLiteral("fit_grades");
    if (!readNumber(grades, QStringLiteral("A"), gw, &m.gradeA, error, false) ||
        !readNumber(grades, QStringLiteral("B"), gw, &m.gradeB, error, false) ||
        !readNumber(grades, QStringLiteral("C"), gw, &m.gradeC, error, false))
        return std::nullopt;
    if (!(m.gradeA >= m.gradeB && m.gradeB >= m.gradeC)) {
        *error = tr("fit_grades: A must be at least B, and B at least C");
        return std::nullopt;
    }

    bool ok = true;
    const QJsonArray weights = arrayOf(root, QStringLiteral("activities"), error, &ok);
    if (!ok)
        return std::nullopt;
    QSet<QString> seen;
    for (qsizetype i = 0; i < weights.size(); ++i) {
        const QString where = QStringLiteral("activities[%1]").arg(i);
        const QJsonObject o = weights.at(i).toObject();
        ActivityWeight w;
        w.type = o.value(QStringLiteral("type")).toString();
        if (w.type.isEmpty()) {
            *error = tr("%1: type is missing").arg(where);
            return std::nullopt;
        }
        if (seen.contains(w.type)) {
            *error = tr("%1: type '%2' is listed twice").arg(where, w.type);
            return std::nullopt;
        }
        seen.insert(w.type);
        if (!readNumber(o, QStringLiteral("points"), where, &w.points, error))
            return std::nullopt;
        if (o.contains(QStringLiteral("cap")) && !o.value(QStringLiteral("cap")).isNull()) {
            double cap = 0;
            if (!readNumber(o, QStringLiteral("cap"), where, &cap, error))
                return std::nullopt;
            if (cap < 0) {
                *error =
                    tr("%1: cap must be 0 or more (it limits the size of the points)").arg(where);
                return std::nullopt;
            }
            w.cap = cap;
        }
        w.decays = o.value(QStringLiteral("decays")).toBool(true);
        m.activities.append(w);
    }

    if (!readRules<FitRule>(root, &m, error) || !readRules<DisqualificationRule>(root, &m, error))
        return std::nullopt;
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
