#include "io/leadsnapshot.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include "store/leadfield.h"

namespace handoff {

namespace leadsnapshot {

// Every stored field under its column's name (a missing count as null), and the custom
// fields under "custom".
QByteArray toJson(const Lead &l, const QMap<QString, QString> &custom)
{
    QJsonObject fields;
    for (auto it = custom.cbegin(); it != custom.cend(); ++it)
        fields.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("custom"), fields}};
    for (const LeadField &f : leadFields())
        o.insert(f.name(), QJsonValue::fromVariant(f.get(l)));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A field a snapshot lacks (it predates the field: company_size_text before v9,
// created_undated before v8) takes a new lead's value.
void fromJson(const QByteArray &json, Lead *l, QMap<QString, QString> *custom)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    const Lead fresh;
    for (const LeadField &f : leadFields()) {
        const QJsonValue v = o.value(f.name());
        f.set(*l, v.isUndefined() ? f.get(fresh) : v.toVariant());
    }
    custom->clear();
    const QJsonObject fields = o.value(QStringLiteral("custom")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        custom->insert(it.key(), it.value().toString());
}

} // namespace leadsnapshot

} // namespace handoff
