#include "scoring/normalize.h"

#include <QHash>
#include <QLocale>

namespace handoff {

namespace normalize {

namespace {

// Case-folded words: dots and apostrophes dropped ("U.S." -> "us"), anything else that is
// not a letter or digit a space, runs of spaces one.
QString fold(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'.' || c == u'\'' || c == u'\x2019')
            continue;
        out.append(c.isLetterOrNumber() ? c : QChar(u' '));
    }
    return out.toCaseFolded().simplified();
}

// What Qt's territory data lacks: alpha-3 codes of the countries leads come from most,
// abbreviations and the names people type for part of a country.
const QHash<QString, QString> &variants()
{
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> t;
        const std::initializer_list<std::pair<const char *, const char *>> rows = {
            {"usa", "US"},
            {"united states of america", "US"},
            {"america", "US"},
            {"uk", "GB"},
            {"england", "GB"},
            {"scotland", "GB"},
            {"wales", "GB"},
            {"northern ireland", "GB"},
            {"great britain", "GB"},
            {"britain", "GB"},
            {"united kingdom of great britain and northern ireland", "GB"},
            {"gbr", "GB"},
            {"deu", "DE"},
            {"ger", "DE"},
            {"fra", "FR"},
            {"can", "CA"},
            {"nld", "NL"},
            {"holland", "NL"},
            {"aus", "AU"},
            {"ind", "IN"},
            {"bra", "BR"},
            {"esp", "ES"},
            {"ita", "IT"},
            {"irl", "IE"},
            {"che", "CH"},
            {"aut", "AT"},
            {"bel", "BE"},
            {"swe", "SE"},
            {"nor", "NO"},
            {"dnk", "DK"},
            {"fin", "FI"},
            {"pol", "PL"},
            {"prt", "PT"},
            {"jpn", "JP"},
            {"chn", "CN"},
            {"sgp", "SG"},
            {"nzl", "NZ"},
            {"mex", "MX"},
            {"zaf", "ZA"},
            {"isr", "IL"},
            {"are", "AE"},
            {"uae", "AE"},
            {"czech republic", "CZ"},
            {"korea", "KR"},
            {"republic of korea", "KR"},
            {"russian federation", "RU"},
            {"ivory coast", "CI"},
        };
        for (const auto &[name, code] : rows)
            t.insert(QString::fromLatin1(name), QString::fromLatin1(code));
        return t;
    }();
    return table;
}

// Qt's own names of every territory, English and native, folded, to their alpha-2 code.
const QHash<QString, QString> &territoryNames()
{
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> t;
        for (int i = 1; i <= int(QLocale::LastTerritory); ++i) {
            const auto territory = QLocale::Territory(i);
            const QString code = QLocale::territoryToCode(territory);
            if (code.size() == 2)
                t.insert(fold(QLocale::territoryToString(territory)), code);
        }
        const QList<QLocale> locales = QLocale::matchingLocales(
            QLocale::AnyLanguage, QLocale::AnyScript, QLocale::AnyTerritory);
        for (const QLocale &locale : locales) {
            const QString code = QLocale::territoryToCode(locale.territory());
            const QString native = fold(locale.nativeTerritoryName());
            if (code.size() == 2 && !native.isEmpty() && !t.contains(native))
                t.insert(native, code);
        }
        return t;
    }();
    return table;
}

} // namespace

static QString countryUncached(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString key = fold(trimmed);
    if (key.startsWith(QLatin1String("the ")))
        key = key.mid(4);
    if (key.isEmpty())
        return trimmed;
    if (key.size() == 2 && key.at(0).isLetter() && key.at(1).isLetter()) {
        const QLocale::Territory t = QLocale::codeToTerritory(key.toUpper());
        if (t != QLocale::AnyTerritory)
            return key.toUpper();
    }
    if (const auto it = variants().constFind(key); it != variants().cend())
        return it.value();
    if (const auto it = territoryNames().constFind(key); it != territoryNames().cend())
        return it.value();
    return trimmed;
}

QStringList seniorities()
{
    return {QStringLiteral("C-level"),
            QStringLiteral("VP"),
            QStringLiteral("Director"),
            QStringLiteral("Manager"),
            QStringLiteral("Individual contributor"),
            QStringLiteral("Student")};
}

QString seniority(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QString key = fold(trimmed);
    // The values HubSpot, Apollo (owner, founder, c_suite, partner, vp, head, director,
    // manager, senior, entry, intern) and ZoomInfo ("VP-Level", "Non-Manager") export.
    static const QHash<QString, QString> spellings = [] {
        QHash<QString, QString> t;
        for (const QString &s : seniorities())
            t.insert(fold(s), s);
        const std::initializer_list<std::pair<const char *, const char *>> rows = {
            {"c level", "C-level"},
            {"c suite", "C-level"},
            {"cxo", "C-level"},
            {"executive", "C-level"},
            {"owner", "C-level"},
            {"founder", "C-level"},
            {"partner", "C-level"},
            {"vp level", "VP"},
            {"vice president", "VP"},
            {"head", "VP"},
            {"director level", "Director"},
            {"manager level", "Manager"},
            {"management", "Manager"},
            {"non manager", "Individual contributor"},
            {"staff", "Individual contributor"},
            {"entry", "Individual contributor"},
            {"entry level", "Individual contributor"},
            {"senior", "Individual contributor"},
            {"individual contributor", "Individual contributor"},
            {"ic", "Individual contributor"},
            {"intern", "Student"},
            {"training", "Student"},
        };
        for (const auto &[spelling, value] : rows)
            t.insert(QString::fromLatin1(spelling), QString::fromLatin1(value));
        return t;
    }();
    return spellings.value(key, trimmed);
}

static QString seniorityFromTitleUncached(const QString &title)
{
    const QStringList words = fold(title).split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    const auto has = [&](std::initializer_list<const char *> any) {
        for (const char *w : any) {
            if (words.contains(QLatin1String(w)))
                return true;
        }
        return false;
    };
    // Two words in a row, "vice president".
    const auto hasPair = [&](const char *first, const char *second) {
        for (qsizetype i = 0; i + 1 < words.size(); ++i) {
            if (words[i] == QLatin1String(first) && words[i + 1] == QLatin1String(second))
                return true;
        }
        return false;
    };
    const bool vice = hasPair("vice", "president") || has({"vicepresident"});
    const bool productOwner = hasPair("product", "owner") || hasPair("process", "owner") ||
                              hasPair("project", "owner") || hasPair("data", "owner");
    if (has({"ceo", "cfo", "cto", "cmo", "coo", "cio", "cro", "ciso", "cpo", "cdo", "chief",
             "founder", "cofounder", "geschaftsfuhrer"}) ||
        words.contains(QStringLiteral("geschäftsführer")) || hasPair("co", "founder") ||
        hasPair("managing", "director") || (has({"owner"}) && !productOwner) ||
        (has({"president"}) && !vice))
        return QStringLiteral("C-level");
    if (vice || has({"vp", "svp", "evp", "avp"}) || hasPair("head", "of") ||
        words.first() == QLatin1String("head"))
        return QStringLiteral("VP");
    if (has({"director", "dir"}))
        return QStringLiteral("Director");
    if (has({"manager", "mgr", "supervisor"}) || hasPair("team", "lead") ||
        hasPair("team", "leader"))
        return QStringLiteral("Manager");
    if (has({"student", "intern", "internship", "trainee", "apprentice"}))
        return QStringLiteral("Student");
    if (productOwner ||
        has({"specialist", "analyst", "engineer", "developer", "consultant", "coordinator",
             "associate", "representative", "rep", "designer", "administrator", "assistant",
             "accountant", "architect", "scientist"}) ||
        hasPair("account", "executive") || hasPair("sales", "executive"))
        return QStringLiteral("Individual contributor");
    return {};
}

const QStringList &freeMailDomains()
{
    static const QStringList list = {
        QStringLiteral("gmail.com"),      QStringLiteral("googlemail.com"),
        QStringLiteral("yahoo.com"),      QStringLiteral("yahoo.co.uk"),
        QStringLiteral("yahoo.fr"),       QStringLiteral("ymail.com"),
        QStringLiteral("hotmail.com"),    QStringLiteral("hotmail.co.uk"),
        QStringLiteral("outlook.com"),    QStringLiteral("live.com"),
        QStringLiteral("msn.com"),        QStringLiteral("aol.com"),
        QStringLiteral("icloud.com"),     QStringLiteral("me.com"),
        QStringLiteral("mac.com"),        QStringLiteral("gmx.de"),
        QStringLiteral("gmx.net"),        QStringLiteral("web.de"),
        QStringLiteral("t-online.de"),    QStringLiteral("mail.com"),
        QStringLiteral("protonmail.com"), QStringLiteral("proton.me"),
        QStringLiteral("yandex.ru"),      QStringLiteral("mail.ru"),
        QStringLiteral("qq.com"),         QStringLiteral("163.com"),
    };
    return list;
}

const QStringList &disposableMailDomains()
{
    static const QStringList list = {
        QStringLiteral("mailinator.com"),    QStringLiteral("guerrillamail.com"),
        QStringLiteral("yopmail.com"),       QStringLiteral("10minutemail.com"),
        QStringLiteral("temp-mail.org"),     QStringLiteral("trashmail.com"),
        QStringLiteral("sharklasers.com"),   QStringLiteral("maildrop.cc"),
        QStringLiteral("getnada.com"),       QStringLiteral("dispostable.com"),
        QStringLiteral("throwawaymail.com"),
    };
    return list;
}

bool isFreeMail(const QString &domain)
{
    return freeMailDomains().contains(domain.trimmed(), Qt::CaseInsensitive);
}

bool isDisposableMail(const QString &domain)
{
    return disposableMailDomains().contains(domain.trimmed(), Qt::CaseInsensitive);
}

namespace {

// Leads repeat their countries and titles: a million leads hold a few thousand distinct ones.
// Each thread (the console's and the tuning workspace's loaders) keeps what it worked out,
// up to a bound.
QString cached(QHash<QString, QString> &cache, const QString &text,
               QString (*work)(const QString &))
{
    if (const auto it = cache.constFind(text); it != cache.cend())
        return it.value();
    if (cache.size() >= 100'000)
        cache.clear();
    return cache.insert(text, work(text)).value();
}

} // namespace

QString country(const QString &text)
{
    thread_local QHash<QString, QString> cache;
    return cached(cache, text, countryUncached);
}

QString seniorityFromTitle(const QString &title)
{
    thread_local QHash<QString, QString> cache;
    return cached(cache, title, seniorityFromTitleUncached);
}

} // namespace normalize

} // namespace handoff
