#include "scoring/leadfields.h"

#include <QCoreApplication>

#include "scoring/normalize.h"
#include "scoring/scorebreakdown.h"
#include "store/lead.h"
#include "store/leadfield.h"

namespace handoff {

namespace {

struct FieldInfo
{
    QString name;
    const char *label;
    QString (*read)(const Lead &);
    // What the value was read from when a rule does not see the stored text as is; null
    // when it always does.
    QString (*origin)(const Lead &) = nullptr;
};

QString yesNo(bool yes)
{
    return yes ? QStringLiteral("yes") : QStringLiteral("no");
}

QString seniorityOf(const Lead &l)
{
    return l.seniority.trimmed().isEmpty() ? normalize::seniorityFromTitle(l.title)
                                           : normalize::seniority(l.seniority);
}

// The stored text, when the rule sees something else.
QString unlessSame(const QString &stored, const QString &seen)
{
    const QString trimmed = stored.trimmed();
    return trimmed == seen ? QString() : trimmed;
}

// A field the store keeps: its name and label as the store's table gives them.
FieldInfo stored(const char *column, QString (*read)(const Lead &),
                 QString (*origin)(const Lead &) = nullptr)
{
    const LeadField *f = leadField(QString::fromLatin1(column));
    return {f->name(), f->label, read, origin};
}

const QList<FieldInfo> &fields()
{
    // Appended to, never reordered: LeadTable's columns follow this order.
    static const QList<FieldInfo> all = {
        stored("title", [](const Lead &l) { return l.title; }),
        stored("seniority", seniorityOf,
               [](const Lead &l) {
                   if (!l.seniority.trimmed().isEmpty())
                       return unlessSame(l.seniority, normalize::seniority(l.seniority));
                   if (normalize::seniorityFromTitle(l.title).isEmpty())
                       return QString();
                   return QCoreApplication::translate("LeadField", "from the title \"%1\"")
                       .arg(l.title.trimmed());
               }),
        stored("industry", [](const Lead &l) { return l.industry; }),
        stored(
            "company_size",
            [](const Lead &l) {
                return l.companySize ? QString::number(*l.companySize) : QString();
            },
            [](const Lead &l) { return l.companySize ? l.companySizeText : QString(); }),
        stored(
            "country", [](const Lead &l) { return normalize::country(l.country); },
            [](const Lead &l) { return unlessSame(l.country, normalize::country(l.country)); }),
        stored("source", [](const Lead &l) { return l.source; }),
        stored("channel", [](const Lead &l) { return l.channel; }),
        stored("company", [](const Lead &l) { return l.company; }),
        {QStringLiteral("email_domain"), QT_TRANSLATE_NOOP("LeadField", "E-mail domain"),
         [](const Lead &l) { return l.emailDomain(); }},
        {QStringLiteral("free_mail"), QT_TRANSLATE_NOOP("LeadField", "Free e-mail"),
         [](const Lead &l) {
             const QString domain = l.emailDomain();
             return domain.isEmpty() ? QString() : yesNo(normalize::isFreeMail(domain));
         },
         [](const Lead &l) { return l.emailDomain(); }},
        {QStringLiteral("disposable_mail"), QT_TRANSLATE_NOOP("LeadField", "Disposable e-mail"),
         [](const Lead &l) {
             const QString domain = l.emailDomain();
             return domain.isEmpty() ? QString() : yesNo(normalize::isDisposableMail(domain));
         },
         [](const Lead &l) { return l.emailDomain(); }},
    };
    return all;
}

const FieldInfo *find(const QString &name)
{
    for (const FieldInfo &f : fields()) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

} // namespace

namespace leadfields {

QStringList names()
{
    QStringList list;
    for (const FieldInfo &f : fields())
        list.append(f.name);
    return list;
}

namespace {
const QString customPrefix = QStringLiteral("custom:");
}

bool isCustom(const QString &name)
{
    return name.startsWith(customPrefix) && name.size() > customPrefix.size();
}

QString customName(const QString &name)
{
    return isCustom(name) ? name.mid(customPrefix.size()) : QString();
}

QString customField(const QString &customName)
{
    return customPrefix + customName;
}

bool isKnown(const QString &name)
{
    return find(name) != nullptr || isCustom(name);
}

QString label(const QString &name)
{
    if (isCustom(name))
        return customName(name);
    const FieldInfo *f = find(name);
    return f ? QCoreApplication::translate("LeadField", f->label) : name;
}

QString value(const Lead &lead, const QString &name)
{
    const FieldInfo *f = find(name);
    return f ? f->read(lead) : QString();
}

QString origin(const Lead &lead, const QString &name)
{
    const FieldInfo *f = find(name);
    return f && f->origin ? f->origin(lead) : QString();
}

QString shown(const QString &value, const QString &origin)
{
    if (origin.isEmpty())
        return value;
    return QCoreApplication::translate("LeadField", "%1 (%2)").arg(value, origin);
}

QString shown(const Lead &lead, const QString &name)
{
    return shown(value(lead, name), origin(lead, name));
}

void noteOrigins(ScoreBreakdown &breakdown, const Lead &lead)
{
    for (ScoreBreakdown::FitLine &line : breakdown.fit)
        line.origin = origin(lead, line.field);
}

} // namespace leadfields

} // namespace handoff
