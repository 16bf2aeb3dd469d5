#include "io/leadsnapshot.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace handoff {

namespace leadsnapshot {

QByteArray toJson(const Lead &l, const QMap<QString, QString> &custom)
{
    QJsonObject fields;
    for (auto it = custom.cbegin(); it != custom.cend(); ++it)
        fields.insert(it.key(), it.value());
    const QJsonObject o{
        {QStringLiteral("external_id"), l.externalId},
        {QStringLiteral("email"), l.email},
        {QStringLiteral("first_name"), l.firstName},
        {QStringLiteral("last_name"), l.lastName},
        {QStringLiteral("company"), l.company},
        {QStringLiteral("title"), l.title},
        {QStringLiteral("seniority"), l.seniority},
        {QStringLiteral("industry"), l.industry},
        {QStringLiteral("company_size"), l.companySize ? QJsonValue(*l.companySize) : QJsonValue()},
        {QStringLiteral("company_size_text"), l.companySizeText},
        {QStringLiteral("country"), l.country},
        {QStringLiteral("source"), l.source},
        {QStringLiteral("channel"), l.channel},
        {QStringLiteral("stage"), stage::toString(l.stage)},
        {QStringLiteral("owner"), l.owner},
        {QStringLiteral("created_at"), l.createdAt},
        {QStringLiteral("created_undated"), l.createdUndated},
        {QStringLiteral("custom"), fields}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void fromJson(const QByteArray &json, Lead *l, QMap<QString, QString> *custom)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    l->externalId = o.value(QStringLiteral("external_id")).toString();
    l->email = o.value(QStringLiteral("email")).toString();
    l->firstName = o.value(QStringLiteral("first_name")).toString();
    l->lastName = o.value(QStringLiteral("last_name")).toString();
    l->company = o.value(QStringLiteral("company")).toString();
    l->title = o.value(QStringLiteral("title")).toString();
    l->seniority = o.value(QStringLiteral("seniority")).toString();
    l->industry = o.value(QStringLiteral("industry")).toString();
    const QJsonValue size = o.value(QStringLiteral("company_size"));
    l->companySize = size.isDouble() ? std::optional<int>(size.toInt()) : std::nullopt;
    l->companySizeText = o.value(QStringLiteral("company_size_text")).toString(); // since v9
    l->country = o.value(QStringLiteral("country")).toString();
    l->source = o.value(QStringLiteral("source")).toString(QStringLiteral("marketing"));
    l->channel = o.value(QStringLiteral("channel")).toString();
    l->stage =
        stage::fromString(o.value(QStringLiteral("stage")).toString()).value_or(Stage::Suspect);
    l->owner = o.value(QStringLiteral("owner")).toString();
    l->createdAt = o.value(QStringLiteral("created_at")).toInteger();
    l->createdUndated = o.value(QStringLiteral("created_undated")).toBool(); // false before v8
    custom->clear();
    const QJsonObject fields = o.value(QStringLiteral("custom")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        custom->insert(it.key(), it.value().toString());
}

} // namespace leadsnapshot

} // namespace handoff
