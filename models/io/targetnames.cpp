#include "io/targetnames.h"

#include "io/closematch.h"
#include "store/activitytype.h"
#include "store/leadfield.h"

namespace handoff {

namespace {

using Kind = ColumnTarget::Kind;

// The short forms the command line also takes for a kind.
Kind kindOf(const QString &word, bool *known)
{
    *known = true;
    if (word == QLatin1String("custom"))
        return Kind::CustomField;
    if (word == QLatin1String("count"))
        return Kind::ActivityCount;
    if (word == QLatin1String("reached"))
        return Kind::StageReachedAt;
    if (const auto kind = ColumnTarget::kindFromName(word))
        return *kind;
    *known = false;
    return Kind::Ignore;
}

QString quotedList(const QStringList &items)
{
    return items.join(QStringLiteral(", "));
}

QString didYouMean(const QString &word, const QStringList &candidates)
{
    const QString near = closematch::nearest(word, candidates);
    return near.isEmpty() ? QString() : TargetNames::tr("did you mean '%1'? ").arg(near);
}

} // namespace

QStringList TargetNames::leadFields()
{
    // The stored fields a file may give, and two it may give that are not stored as they are:
    // a full name (split into first and last) and whether the lead converted.
    QStringList names;
    for (const LeadField &f : handoff::leadFields()) {
        if (f.importable)
            names.append(f.name());
        if (f.name() == QLatin1String("last_name"))
            names.append(QStringLiteral("full_name"));
    }
    names.append(QStringLiteral("converted"));
    return names;
}

QStringList TargetNames::activityCodes()
{
    QStringList codes;
    for (const ActivityType &t : standardActivityTypes())
        codes.append(t.code);
    return codes;
}

QStringList TargetNames::stageCodes()
{
    return {QStringLiteral("mql"), QStringLiteral("sql"), QStringLiteral("opportunity"),
            QStringLiteral("won"), QStringLiteral("lost")};
}

QList<ColumnTarget> TargetNames::choices()
{
    QList<ColumnTarget> all = {{Kind::Ignore, {}}};
    for (const QString &field : leadFields())
        all.append({Kind::LeadField, field});
    for (const QString &code : activityCodes())
        all.append({Kind::ActivityCount, code});
    all.append({Kind::LastActivity, {}});
    all.append({Kind::LastActivity, QStringLiteral("type")});
    for (const QString &stage : stageCodes())
        all.append({Kind::StageReachedAt, stage});
    return all;
}

QString TargetNames::format(const ColumnTarget &target)
{
    switch (target.kind) {
    case Kind::Ignore:
        return QStringLiteral("ignore");
    case Kind::LeadField:
        return target.key;
    case Kind::LastActivity:
        return target.key.isEmpty()
                   ? ColumnTarget::kindName(target.kind)
                   : ColumnTarget::kindName(target.kind) + QLatin1Char(':') + target.key;
    case Kind::ActivityCount:
    case Kind::StageReachedAt:
    case Kind::CustomField:
        return ColumnTarget::kindName(target.kind) + QLatin1Char(':') + target.key;
    }
    return {};
}

ColumnTarget TargetNames::parse(const QString &text, const QString &column, const ErrorWhere &where)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        throw Error(tr("no field given after '='"), where, tr("the fields are: %1").arg(summary()));
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    const QString word = trimmed.left(colon).trimmed().toLower();
    const bool hasKey = colon >= 0;
    const QString rawKey = hasKey ? trimmed.mid(colon + 1).trimmed() : QString();
    const QString key = rawKey.toLower();

    if (!hasKey && leadFields().contains(word))
        return ColumnTarget{Kind::LeadField, word};
    bool known = false;
    const Kind kind = kindOf(word, &known);
    if (!known) {
        QStringList words = leadFields();
        words << ColumnTarget::kindNames() << QStringLiteral("custom") << QStringLiteral("count")
              << QStringLiteral("reached");
        throw Error(tr("unknown field '%1'").arg(trimmed), where,
                    tr("%1the fields are: %2").arg(didYouMean(word, words), summary()));
    }
    const auto needsKey = [&](const QString &what, const QStringList &valid) {
        return Error(
            tr("'%1' needs %2 after a colon, one of: %3").arg(word, what, quotedList(valid)),
            where);
    };
    const auto unknownKey = [&](const QString &what, const QStringList &valid) {
        return Error(tr("unknown %1 '%2' in '%3'").arg(what, rawKey, trimmed), where,
                     tr("%1they are: %2").arg(didYouMean(key, valid), quotedList(valid)));
    };
    switch (kind) {
    case Kind::Ignore:
        if (hasKey)
            throw Error(tr("'ignore' takes nothing after it, not ':%1'").arg(rawKey), where);
        return ColumnTarget{Kind::Ignore, {}};
    case Kind::LeadField:
        if (!hasKey)
            throw needsKey(tr("a lead field"), leadFields());
        if (!leadFields().contains(key))
            throw unknownKey(tr("lead field"), leadFields());
        return ColumnTarget{Kind::LeadField, key};
    case Kind::ActivityCount:
        if (!hasKey)
            throw needsKey(tr("an activity type"), activityCodes());
        if (!activityCodes().contains(key))
            throw unknownKey(tr("activity type"), activityCodes());
        return ColumnTarget{Kind::ActivityCount, key};
    case Kind::StageReachedAt:
        if (!hasKey)
            throw needsKey(tr("a stage"), stageCodes());
        if (!stageCodes().contains(key))
            throw unknownKey(tr("stage"), stageCodes());
        return ColumnTarget{Kind::StageReachedAt, key};
    case Kind::LastActivity:
        if (!hasKey || key == QLatin1String("date"))
            return ColumnTarget{Kind::LastActivity, {}};
        if (key != QLatin1String("type"))
            throw unknownKey(tr("part of the last activity"),
                             {QStringLiteral("date"), QStringLiteral("type")});
        return ColumnTarget{Kind::LastActivity, QStringLiteral("type")};
    case Kind::CustomField: {
        const QString name = hasKey ? rawKey : column.trimmed();
        if (name.isEmpty())
            throw Error(tr("'%1' needs a name after a colon: the column has none").arg(word),
                        where);
        return ColumnTarget{Kind::CustomField, name};
    }
    }
    throw Error(tr("unknown field '%1'").arg(trimmed), where);
}

QString TargetNames::summary()
{
    return tr("%1, ignore, custom_field[:NAME], activity_count:TYPE, last_activity, "
              "last_activity:type, stage_reached_at:STAGE (%2)")
        .arg(quotedList(leadFields()), quotedList(stageCodes()));
}

} // namespace handoff
