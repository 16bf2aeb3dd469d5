#include "leadfields.h"

#include <QCoreApplication>

#include "lead.h"

namespace {

struct FieldInfo
{
    QString name;
    const char *label;
    QString (*read)(const Lead &);
};

const QList<FieldInfo> &fields()
{
    static const QList<FieldInfo> all = {
        {QStringLiteral("title"), QT_TRANSLATE_NOOP("LeadField", "Title"),
         [](const Lead &l) { return l.title; }},
        {QStringLiteral("seniority"), QT_TRANSLATE_NOOP("LeadField", "Seniority"),
         [](const Lead &l) { return l.seniority; }},
        {QStringLiteral("industry"), QT_TRANSLATE_NOOP("LeadField", "Industry"),
         [](const Lead &l) { return l.industry; }},
        {QStringLiteral("company_size"), QT_TRANSLATE_NOOP("LeadField", "Company size"),
         [](const Lead &l) { return l.companySize ? QString::number(*l.companySize) : QString(); }},
        {QStringLiteral("country"), QT_TRANSLATE_NOOP("LeadField", "Country"),
         [](const Lead &l) { return l.country; }},
        {QStringLiteral("source"), QT_TRANSLATE_NOOP("LeadField", "Source"),
         [](const Lead &l) { return l.source; }},
        {QStringLiteral("channel"), QT_TRANSLATE_NOOP("LeadField", "Channel"),
         [](const Lead &l) { return l.channel; }},
        {QStringLiteral("company"), QT_TRANSLATE_NOOP("LeadField", "Company"),
         [](const Lead &l) { return l.company; }},
        {QStringLiteral("email_domain"), QT_TRANSLATE_NOOP("LeadField", "E-mail domain"),
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

} // namespace leadfields
