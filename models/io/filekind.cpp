#include "io/filekind.h"

#include <QHash>

namespace handoff {

namespace filekind {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(filekind)
};

enum Signal { Person, Opportunity, Account, Activity };

// Column names that belong to one kind of record, with how much each says.
const QHash<QString, std::pair<Signal, int>> &columnSignals()
{
    static const QHash<QString, std::pair<Signal, int>> all = [] {
        QHash<QString, std::pair<Signal, int>> map;
        const auto add = [&](Signal s, int weight, std::initializer_list<const char *> names) {
            for (const char *n : names)
                map.insert(foldLabel(QString::fromLatin1(n)), {s, weight});
        };
        add(Person, 1,
            {"first name", "last name", "email", "email address", "job title", "title",
             "lead status", "lifecycle stage", "full name", "salutation", "mobile phone",
             "merge fname", "merge lname", "firstname", "lastname"});
        add(Opportunity, 1,
            {"amount",
             "close date",
             "closing date",
             "closed at",
             "stage name",
             "deal stage",
             "deal name",
             "opportunity name",
             "potential name",
             "is won",
             "is closed",
             "probability",
             "expected revenue",
             "forecast category",
             "forecast type",
             "deal id",
             "opportunity id",
             "pipeline",
             "deal pipeline id",
             "deal pipeline stage id",
             "closed lost reason",
             "dealname",
             "closedate"});
        add(Opportunity, 2, {"won date", "won at", "lost date"});
        add(Account, 1,
            {"account name", "company name", "company domain name", "website", "website url",
             "domain", "annual revenue", "number of employees", "billing city", "billing country",
             "billing street", "account id", "account type", "parent account", "company type",
             "industry", "annualrevenue"});
        add(Activity, 1,
            {"activity type",    "activity type id", "activity date",   "activity date time",
             "activitydatetime", "activity id",      "type name",       "event subtype",
             "task subtype",     "call type",        "call start time", "call duration",
             "who id",           "activity owner",   "due date",        "subject",
             "occurred at",      "visitor id",       "event type",      "event name"});
        return map;
    }();
    return all;
}

} // namespace

QString foldLabel(const QString &label)
{
    QString out;
    for (const QChar c : label) {
        if (c.isLetterOrNumber())
            out.append(c.toCaseFolded());
    }
    if (out.startsWith(QLatin1String("property")) && out.size() > 8)
        out.remove(0, 8);
    return out;
}

int findColumn(const QStringList &header, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QString wanted = foldLabel(QString::fromLatin1(name));
        for (int c = 0; c < int(header.size()); ++c) {
            if (foldLabel(header[c]) == wanted)
                return c;
        }
    }
    return -1;
}

Verdict classify(const QStringList &header)
{
    int score[4] = {0, 0, 0, 0};
    QStringList evidence[4];
    for (const QString &label : header) {
        const auto it = columnSignals().constFind(foldLabel(label));
        if (it == columnSignals().cend())
            continue;
        score[it->first] += it->second;
        evidence[it->first].append(label);
    }
    Verdict v;
    if (score[Opportunity] >= 2 && score[Opportunity] > score[Person]) {
        v.kind = Kind::Opportunities;
        v.evidence = evidence[Opportunity];
    } else if (score[Activity] >= 2 && score[Person] < 2) {
        v.kind = Kind::Activities;
        v.evidence = evidence[Activity];
    } else if (score[Account] >= 2 && score[Person] == 0) {
        v.kind = Kind::Accounts;
        v.evidence = evidence[Account];
    } else {
        v.kind = Kind::Leads;
        v.evidence = evidence[Person];
    }
    return v;
}

QString describe(Kind kind)
{
    switch (kind) {
    case Kind::Leads:
        return Tr::tr("leads or contacts");
    case Kind::Accounts:
        return Tr::tr("accounts (companies)");
    case Kind::Opportunities:
        return Tr::tr("opportunities (deals)");
    case Kind::Activities:
        return Tr::tr("activities");
    }
    return {};
}

QString optionName(Kind kind)
{
    switch (kind) {
    case Kind::Leads:
        return QStringLiteral("leads");
    case Kind::Accounts:
        return QStringLiteral("accounts");
    case Kind::Opportunities:
        return QStringLiteral("opportunities");
    case Kind::Activities:
        return QStringLiteral("activities");
    }
    return {};
}

std::optional<Kind> fromOptionName(const QString &name)
{
    for (const Kind k : {Kind::Leads, Kind::Accounts, Kind::Opportunities, Kind::Activities}) {
        if (name.compare(optionName(k), Qt::CaseInsensitive) == 0)
            return k;
    }
    if (name.compare(QLatin1String("contacts"), Qt::CaseInsensitive) == 0)
        return Kind::Leads;
    if (name.compare(QLatin1String("deals"), Qt::CaseInsensitive) == 0)
        return Kind::Opportunities;
    return std::nullopt;
}

QStringList optionNames()
{
    return {QStringLiteral("leads"), QStringLiteral("opportunities"), QStringLiteral("activities")};
}

} // namespace filekind

} // namespace handoff
