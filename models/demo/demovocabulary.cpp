#include "demo/demovocabulary.h"

namespace handoff {

namespace {

std::vector<QString> words(std::initializer_list<const char *> items)
{
    std::vector<QString> out;
    for (const char *item : items)
        out.push_back(QString::fromUtf8(item));
    return out;
}

template <typename T> const T &any(const std::vector<T> &items, std::mt19937_64 &rng)
{
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(rng)];
}

} // namespace

WeightedList::WeightedList(std::vector<WeightedChoice> choices)
    : m_choices(std::move(choices))
{
    std::vector<double> weights;
    for (const WeightedChoice &c : m_choices)
        weights.push_back(c.weight);
    m_distribution = std::discrete_distribution<size_t>(weights.begin(), weights.end());
}

const WeightedChoice &WeightedList::pick(std::mt19937_64 &rng) const
{
    return m_choices[m_distribution(rng)];
}

namespace demovocabulary {

const std::vector<QString> &firstNames()
{
    static const auto list =
        words({"Anna",    "Ben",    "Chloé", "David", "Elena",  "Farid",    "Grace", "Hiro",
               "Ines",    "Jonas",  "Kavya", "Liam",  "Maria",  "Noah",     "Olga",  "Pedro",
               "Quinn",   "Rosa",   "Sven",  "Tara",  "Uma",    "Victor",   "Wen",   "Ximena",
               "Yusuf",   "Zoë",    "Amir",  "Björn", "Carmen", "Dmitri",   "Emma",  "Fatima",
               "Gustavo", "Hannah", "Ivan",  "Julia", "Kenji",  "Lucía",    "Mateo", "Nora",
               "Oscar",   "Priya",  "Rahul", "Sofia", "Thomas", "Valentina"});
    return list;
}

const std::vector<QString> &lastNames()
{
    static const auto list =
        words({"Smith",   "García",   "Müller",    "Rossi",     "Kowalski",  "Nguyen",   "Johnson",
               "Silva",   "Jensen",   "Novak",     "Okafor",    "Tanaka",    "Patel",    "Brown",
               "Dubois",  "Schmidt",  "Larsen",    "Fernández", "Kim",       "Ivanova",  "O'Brien",
               "Cohen",   "Haddad",   "Andersson", "Bianchi",   "Costa",     "de Vries", "Eriksen",
               "Fischer", "Gonzalez", "Hughes",    "Ito",       "Jovanović", "Khan",     "Lopez",
               "Martin",  "Nowak",    "Olsen",     "Petrov",    "Reyes"});
    return list;
}

const std::vector<QString> &companyWords()
{
    static const auto list = words(
        {"Acme",    "Northwind",  "Blue Harbor", "Quantix",    "Helios",   "Pinecrest", "Vertex",
         "Lumen",   "Orbital",    "Keystone",    "Brightwave", "Ironclad", "Meridian",  "Summit",
         "Cobalt",  "Evergreen",  "Nimbus",      "Redwood",    "Sterling", "Atlas",     "Polaris",
         "Granite", "Silverline", "Tidewater",   "Zenith",     "Harbor",   "Aurora",    "Cascade"});
    return list;
}

const std::vector<QString> &functions()
{
    static const auto list = words({"Marketing", "Sales", "IT", "Finance", "Operations",
                                    "Engineering", "HR", "Customer Success"});
    return list;
}

// The fit effects are the demo world's truth: they differ from the standard model's points
// on purpose, so that tuning against history has something to find.
const WeightedList &seniorities()
{
    static const WeightedList list({{QStringLiteral("C-level"), 5, 1.4},
                                    {QStringLiteral("VP"), 8, 1.6},
                                    {QStringLiteral("Director"), 15, 0.9},
                                    {QStringLiteral("Manager"), 27, 0.3},
                                    {QStringLiteral("Individual contributor"), 43, -0.4},
                                    {QStringLiteral("Student"), 2, -2.5}});
    return list;
}

QString titleFor(const QString &seniority, const QString &function, std::mt19937_64 &rng)
{
    if (seniority == QLatin1String("C-level")) {
        static const auto chiefs =
            words({"CEO", "CFO", "CTO", "COO", "CMO", "Chief Revenue Officer"});
        return any(chiefs, rng);
    }
    if (seniority == QLatin1String("VP"))
        return QStringLiteral("VP of %1").arg(function);
    if (seniority == QLatin1String("Director"))
        return QStringLiteral("Director of %1").arg(function);
    if (seniority == QLatin1String("Manager"))
        return QStringLiteral("%1 Manager").arg(function);
    if (seniority == QLatin1String("Student")) {
        static const auto students = words({"Student", "MBA Student", "PhD Student"});
        return any(students, rng);
    }
    static const auto roles =
        words({"Specialist", "Analyst", "Coordinator", "Associate", "Engineer"});
    return QStringLiteral("%1 %2").arg(function, any(roles, rng));
}

const WeightedList &industries()
{
    static const WeightedList list({{QStringLiteral("Software"), 20, 0.8},
                                    {QStringLiteral("Financial Services"), 12, 0.6},
                                    {QStringLiteral("Healthcare"), 10, 0.5},
                                    {QStringLiteral("Manufacturing"), 14, 0.2},
                                    {QStringLiteral("Retail"), 12, -0.2},
                                    {QStringLiteral("Education"), 8, -0.6},
                                    {QStringLiteral("Government"), 5, -0.4},
                                    {QStringLiteral("Media"), 7, -0.1},
                                    {QStringLiteral("Consulting"), 12, 0.1}});
    return list;
}

const WeightedList &countries()
{
    static const WeightedList list({{QStringLiteral("US"), 40, 0.3},
                                    {QStringLiteral("GB"), 10, 0.3},
                                    {QStringLiteral("DE"), 8, 0.3},
                                    {QStringLiteral("CA"), 6, 0.2},
                                    {QStringLiteral("NL"), 3, 0.2},
                                    {QStringLiteral("FR"), 7, 0.0},
                                    {QStringLiteral("IN"), 10, -0.3},
                                    {QStringLiteral("BR"), 6, -0.2},
                                    {QStringLiteral("AU"), 5, 0.1},
                                    {QStringLiteral("ES"), 5, -0.1}});
    return list;
}

const WeightedList &marketingChannels()
{
    static const WeightedList list({{QStringLiteral("Organic search"), 25, 0.2},
                                    {QStringLiteral("Paid search"), 18, 0.0},
                                    {QStringLiteral("Social"), 12, -0.3},
                                    {QStringLiteral("E-mail"), 15, 0.1},
                                    {QStringLiteral("Webinar"), 10, 0.3},
                                    {QStringLiteral("Content syndication"), 10, -0.4},
                                    {QStringLiteral("Display ads"), 10, -0.3}});
    return list;
}

const WeightedList &salesChannels()
{
    static const WeightedList list({{QStringLiteral("Referral"), 35, 0.6},
                                    {QStringLiteral("Event"), 25, 0.3},
                                    {QStringLiteral("Relationship"), 20, 0.6},
                                    {QStringLiteral("Target list"), 20, 0.0}});
    return list;
}

const WeightedList &intentRequests()
{
    static const WeightedList list({{QStringLiteral("demo_request"), 40},
                                    {QStringLiteral("contact_request"), 20},
                                    {QStringLiteral("pricing_request"), 15},
                                    {QStringLiteral("trial_signup"), 15},
                                    {QStringLiteral("quote_request"), 10}});
    return list;
}

const WeightedList &rejectReasons()
{
    static const WeightedList list({{QStringLiteral("No budget"), 25},
                                    {QStringLiteral("Not the decision maker"), 22},
                                    {QStringLiteral("Bad timing"), 20},
                                    {QStringLiteral("Could not reach"), 15},
                                    {QStringLiteral("Already a customer"), 6},
                                    {QStringLiteral("Wrong contact data"), 7},
                                    {QStringLiteral("Under contract with a competitor"), 5}});
    return list;
}

const std::vector<QString> &salesReps()
{
    static const auto list = words(
        {"Sam Rivera", "Alex Chen", "Jordan Blake", "Morgan Ortiz", "Taylor Brooks", "Casey Wong"});
    return list;
}

const std::vector<QString> &assetsFor(const QString &activityType)
{
    static const auto ebooks = words({"The Lead Scoring Playbook", "Pipeline Math for CFOs",
                                      "Sales and Marketing Alignment Guide"});
    static const auto papers =
        words({"Benchmark Report 2026", "Security Architecture", "Total Cost of Ownership Study"});
    static const auto webinars = words(
        {"Scoring that sales trusts", "Speed to lead in practice", "Quarterly product update"});
    static const auto videos =
        words({"Product tour (3 min)", "Customer story: Helios", "Integration walkthrough"});
    static const auto pages = words({"/", "/product", "/pricing", "/customers", "/blog/mql-vs-sql",
                                     "/integrations", "/security"});
    static const auto none = std::vector<QString>{QString()};
    if (activityType == QLatin1String("ebook_download"))
        return ebooks;
    if (activityType == QLatin1String("whitepaper_download"))
        return papers;
    if (activityType.startsWith(QLatin1String("webinar")))
        return webinars;
    if (activityType == QLatin1String("video_watched"))
        return videos;
    if (activityType == QLatin1String("page_view"))
        return pages;
    return none;
}

} // namespace demovocabulary

} // namespace handoff
