#include "exportgenerator.h"

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "io/csvwriter.h"

namespace handoff {

namespace exportgen {

namespace {

struct Choice
{
    const char *text;
    double weight; // how common
    double effect; // log-odds it adds
};

// Titles carry seniority; the effect is the truth the suggester should find through it.
const Choice titles[] = {
    {"CEO", 2, 0.9},
    {"Chief Marketing Officer", 1, 0.9},
    {"Founder", 2, 0.8},
    {"VP of Marketing", 3, 0.8},
    {"Vice President, Sales", 2, 0.8},
    {"Director of Operations", 4, 0.5},
    {"Marketing Director", 4, 0.5},
    {"Marketing Manager", 8, 0.2},
    {"Product Manager", 6, 0.2},
    {"Finance Manager", 3, 0.2},
    {"Software Engineer", 10, 0.0},
    {"Analyst", 8, 0.0},
    {"Marketing Specialist", 8, 0.0},
    {"Consultant", 6, 0.0},
    {"Student", 8, -1.2},
    {"Intern", 3, -1.0},
    {"", 12, -0.1},
};

// Company size as exports spell it: numbers, ranges and bands for one truth per band.
struct SizeBand
{
    std::vector<const char *> spellings;
    double weight;
    double effect;
};
const SizeBand sizes[] = {
    {{"1-10", "5", "Self-employed", "2-10 employees"}, 14, -0.6},
    {{"11-50", "25", "11 to 50"}, 18, -0.2},
    {{"51-200", "120", "51 - 200"}, 20, 0.0},
    {{"201-500", "350", "201-1,000"}, 14, 0.3},
    {{"1,001-5,000", "2500", "1001-5000"}, 10, 0.5},
    {{"10,001+", "5001-10,000", "20000"}, 8, 0.4},
    {{""}, 16, 0.0},
};

struct Country
{
    std::vector<const char *> spellings;
    double weight;
    double effect;
};
const Country countries[] = {
    {{"USA", "United States", "US", "U.S.", "united states of america"}, 30, 0.3},
    {{"UNITED KINGDOM", "UK", "GB", "England"}, 12, 0.2},
    {{"Germany", "DE", "GERMANY", "Deutschland"}, 10, 0.2},
    {{"India", "IN", "IND"}, 20, -0.3},
    {{"France", "FR"}, 6, 0.0},
    {{"Canada", "CA"}, 6, 0.1},
    {{"Brazil", "BR"}, 4, -0.1},
    {{""}, 12, 0.0},
};

const Choice sources[] = {
    {"Google", 30, 0.0},       {"Organic Search", 18, 0.1}, {"Direct Traffic", 16, -0.2},
    {"Referral", 8, 1.0},      {"Webinar", 8, 0.6},         {"Facebook", 6, -0.5},
    {"Partner List", 2, -0.4}, {"Trade Show", 4, 0.4},      {"Chat", 8, -0.4},
};

const Choice commonIndustries[] = {
    {"Software", 14, 0.3},
    {"Financial Services", 10, 0.2},
    {"Healthcare", 9, 0.1},
    {"Manufacturing", 9, 0.0},
    {"Retail", 8, -0.2},
    {"Education", 8, -0.4},
    {"Telecommunications", 5, 0.1},
    {"Government", 4, -0.3},
    {"Consulting", 6, 0.1},
    {"Media", 5, -0.1},
};

const char *const colours[] = {"Red",   "Blue",  "Green",  "Yellow",
                               "Black", "White", "Purple", "Orange"};

const char *const freeMailDomains[] = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"};

class Draw
{
public:
    explicit Draw(quint64 seed)
        : m_rng(seed)
    {}
    double uniform() { return double(m_rng() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform() < p; }
    int below(int n) { return int(uniform() * n); }
    double normal()
    {
        // Box-Muller from the engine's raw output, so every platform draws the same world.
        const double u = std::max(uniform(), 1e-12);
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * uniform());
    }
    int poisson(double mean)
    {
        const double limit = std::exp(-mean);
        int k = 0;
        for (double p = uniform(); p > limit; p *= uniform())
            ++k;
        return k;
    }
    template <typename T, size_t N> const T &weighted(const T (&items)[N])
    {
        double total = 0;
        for (const T &item : items)
            total += item.weight;
        double at = uniform() * total;
        for (const T &item : items) {
            at -= item.weight;
            if (at < 0)
                return item;
        }
        return items[N - 1];
    }
    template <typename List> auto any(const List &list)
    {
        return list.at(size_t(below(int(list.size()))));
    }

private:
    std::mt19937_64 m_rng;
};

QString hex(Draw &draw, int digits)
{
    QString out;
    for (int i = 0; i < digits; ++i)
        out += QLatin1Char("0123456789abcdef"[draw.below(16)]);
    return out;
}

} // namespace

QStringList leakColumns()
{
    return {QStringLiteral("Lead Quality"), QStringLiteral("Tags"), QStringLiteral("Lead Profile"),
            QStringLiteral("Segment Code")};
}

QStringList noiseColumns()
{
    return {QStringLiteral("Favourite Colour"), QStringLiteral("Campaign Code"),
            QStringLiteral("Score Synced"), QStringLiteral("Last Webinar Date")};
}

Written write(const QString &path, const Options &options)
{
    CsvWriter out(path, {});
    out.open(); // throws handoff::Error, a std::runtime_error
    const QStringList header = {QStringLiteral("Lead ID"),
                                QStringLiteral("Email"),
                                QStringLiteral("Title"),
                                QStringLiteral("Industry"),
                                QStringLiteral("Employees"),
                                QStringLiteral("Country"),
                                QStringLiteral("Lead Source"),
                                QStringLiteral("Origin"),
                                QStringLiteral("Total Visits"),
                                QStringLiteral("Email Clicks"),
                                QStringLiteral("Time on Site (s)"),
                                QStringLiteral("Pages per Visit"),
                                QStringLiteral("Last Webinar Date"),
                                QStringLiteral("Favourite Colour"),
                                QStringLiteral("Campaign Code"),
                                QStringLiteral("Score Synced"),
                                QStringLiteral("Lead Quality"),
                                QStringLiteral("Tags"),
                                QStringLiteral("Lead Profile"),
                                QStringLiteral("Segment Code"),
                                QStringLiteral("Converted")};
    out.writeRow(header);

    // Rare industries: each a handful of leads with an effect of its own, too few to learn;
    // the same in every file, as they are part of the world, not of one sample.
    Draw world(2026);
    QList<std::pair<QString, double>> rareIndustries;
    for (int i = 0; i < 60; ++i)
        rareIndustries.append(
            {QStringLiteral("Niche Industry %1").arg(i + 1), world.normal() * 0.5});
    Draw draw(options.seed);
    int converted = 0;
    Written written;
    for (int i = 0; i < options.leads; ++i) {
        const Choice &title = draw.weighted(titles);
        const SizeBand &size = draw.weighted(sizes);
        const Country &country = draw.weighted(countries);
        const Choice &source = draw.weighted(sources);
        QString industry;
        double industryEffect = 0;
        if (draw.chance(0.1)) {
            const auto rare = rareIndustries.at(draw.below(int(rareIndustries.size())));
            industry = rare.first;
            industryEffect = rare.second;
        } else if (draw.chance(0.92)) {
            const Choice &c = draw.weighted(commonIndustries);
            industry = QString::fromLatin1(c.text);
            industryEffect = c.effect;
        }
        const bool freeMail = draw.chance(0.25);
        const QString name = QStringLiteral("lead%1").arg(i + 1);
        const QString email =
            name + QLatin1Char('@') +
            (freeMail ? QString::fromLatin1(freeMailDomains[draw.below(4)])
                      : QStringLiteral("company%1.example").arg(draw.below(3000)));

        // Behaviour: engaged leads visit more, click more and stay longer.
        const double engagement = draw.normal();
        const int visits = draw.poisson(std::exp(0.9 + 0.6 * engagement));
        const int clicks = draw.poisson(std::exp(-0.8 + 0.7 * engagement));
        const double seconds = visits == 0 ? 0.0 : std::exp(4.5 + 0.8 * engagement + draw.normal());
        const double pages = visits == 0 ? 0.0 : std::max(1.0, 2.0 + draw.normal());

        // What the lead's record says, then what it does not (drawn but never written).
        const double known = -1.6 + title.effect + size.effect + country.effect + source.effect +
                             industryEffect + (freeMail ? -0.4 : 0.0) +
                             0.12 * std::min(visits, 12) + 0.3 * std::min(clicks, 5) +
                             0.45 * std::log1p(seconds / 60.0);
        const double logit = known + 0.6 * draw.normal();
        const bool won = draw.chance(1.0 / (1.0 + std::exp(-logit)));
        converted += won ? 1 : 0;

        // Leaks: what sales filled in after contact.
        QString quality;
        if (won ? draw.chance(0.9) : draw.chance(0.25))
            quality =
                won ? (draw.chance(0.8) ? QStringLiteral("High in Relevance")
                                        : QStringLiteral("Might be"))
                    : (draw.chance(0.7) ? QStringLiteral("Not Sure") : QStringLiteral("Worst"));
        const QString tags =
            won ? (draw.chance(0.7) ? QStringLiteral("Will revert after reading")
                                    : QStringLiteral("Closed by Horizzon"))
                : (draw.chance(0.5) ? QStringLiteral("Ringing")
                                    : QStringLiteral("Interested in other courses"));
        const QString profile =
            won ? (draw.chance(0.6) ? QStringLiteral("Potential Lead") : QStringLiteral("Select"))
                : (draw.chance(0.1) ? QStringLiteral("Other Leads") : QStringLiteral("Select"));
        const QString followUp = (won ? draw.chance(0.85) : draw.chance(0.03))
                                     ? QStringLiteral("G%1").arg(draw.below(4))
                                     : QString();

        // Two columns that pick out the same leads: every partner-list lead came in by import.
        const QString origin = QString::fromLatin1(source.text) == QLatin1String("Partner List")
                                   ? QStringLiteral("Lead Import")
                                   : (draw.chance(0.6) ? QStringLiteral("Landing Page Submission")
                                                       : QStringLiteral("API"));
        const QString webinarDate = draw.chance(0.3)
                                        ? QStringLiteral("%1/%2/2025 %3:%4")
                                              .arg(1 + draw.below(28), 2, 10, QLatin1Char('0'))
                                              .arg(1 + draw.below(12), 2, 10, QLatin1Char('0'))
                                              .arg(draw.below(24), 2, 10, QLatin1Char('0'))
                                              .arg(draw.below(60), 2, 10, QLatin1Char('0'))
                                        : QString();
        const QString id =
            hex(draw, 8) + QLatin1Char('-') + hex(draw, 4) + QLatin1Char('-') + hex(draw, 12);
        written.truth.insert(id, known);
        out.writeRow({id,
                      email,
                      QString::fromLatin1(title.text),
                      industry,
                      QString::fromLatin1(draw.any(size.spellings)),
                      QString::fromLatin1(draw.any(country.spellings)),
                      QString::fromLatin1(source.text),
                      origin,
                      QString::number(visits),
                      QString::number(clicks),
                      QString::number(std::lround(seconds)),
                      QString::number(pages, 'f', 2),
                      webinarDate,
                      QString::fromLatin1(colours[draw.below(8)]),
                      QStringLiteral("CMP-%1").arg(draw.below(400)),
                      draw.chance(0.5) ? QStringLiteral("TRUE") : QStringLiteral("FALSE"),
                      quality,
                      tags,
                      profile,
                      followUp,
                      won ? QStringLiteral("1") : QStringLiteral("0")});
    }
    out.close();
    written.convertedShare = double(converted) / options.leads;
    return written;
}

} // namespace exportgen

} // namespace handoff
