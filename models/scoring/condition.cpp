#include "scoring/condition.h"

#include <QJsonArray>

#include "scoring/leadfields.h"
#include "scoring/valueparsers.h"

namespace handoff {

namespace {

const QList<std::pair<Condition::Operator, QString>> operatorNames = {
    {Condition::Operator::Equals, QStringLiteral("equals")},
    {Condition::Operator::Contains, QStringLiteral("contains")},
    {Condition::Operator::OneOf, QStringLiteral("one_of")},
    {Condition::Operator::Range, QStringLiteral("range")},
};

} // namespace

QString Condition::operatorName(Operator op)
{
    for (const auto &[known, name] : operatorNames) {
        if (known == op)
            return name;
    }
    return {};
}

bool Condition::matches(const QString &value) const
{
    switch (op) {
    case Operator::Equals:
    case Operator::OneOf:
        for (const QString &v : values) {
            if (value.compare(v, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    case Operator::Contains:
        for (const QString &v : values) {
            if (!v.isEmpty() && value.contains(v, Qt::CaseInsensitive))
                return true;
        }
        return false;
    case Operator::Range: {
        // Numbers as exports write them ("1,200", "12%"), as the suggester's bands read them.
        const std::optional<double> number = valueparsers::number(value);
        return number && (!min || *number >= *min) && (!max || *number <= *max);
    }
    }
    return false;
}

QString Condition::describe() const
{
    const QString name = leadfields::label(field);
    switch (op) {
    case Operator::Equals:
        return tr("%1 is %2").arg(name, values.value(0));
    case Operator::Contains:
        return tr("%1 contains %2").arg(name, values.join(tr(" or ")));
    case Operator::OneOf:
        return tr("%1 is one of %2").arg(name, values.join(QStringLiteral(", ")));
    case Operator::Range:
        if (min && max && *min == *max)
            return tr("%1 is %2").arg(name).arg(*min);
        if (min && max)
            return tr("%1 from %2 to %3").arg(name).arg(*min).arg(*max);
        if (min)
            return tr("%1 at least %2").arg(name).arg(*min);
        return tr("%1 at most %2").arg(name).arg(max.value_or(0));
    }
    return {};
}

QJsonObject Condition::toJson() const
{
    QJsonObject json{{QStringLiteral("field"), field}, {QStringLiteral("op"), operatorName(op)}};
    if (op == Operator::Range) {
        if (min)
            json.insert(QStringLiteral("min"), *min);
        if (max)
            json.insert(QStringLiteral("max"), *max);
    } else {
        json.insert(QStringLiteral("values"), QJsonArray::fromStringList(values));
    }
    return json;
}

Condition Condition::fromJson(const QJsonObject &json, const ErrorWhere &where)
{
    const auto fail = [&](const QString &message, const QString &whatToDo = {}) {
        return Error(message, where, whatToDo);
    };
    Condition c;
    c.field = json.value(QStringLiteral("field")).toString();
    if (!leadfields::isKnown(c.field))
        throw fail(tr("field '%1' is not a lead field (known: %2)")
                       .arg(c.field, leadfields::names().join(QStringLiteral(", "))));
    const QString opName = json.value(QStringLiteral("op")).toString();
    bool known = false;
    for (const auto &[op, name] : operatorNames) {
        if (name == opName) {
            c.op = op;
            known = true;
        }
    }
    if (!known)
        throw fail(tr("op '%1' is not one of equals, contains, one_of, range").arg(opName));
    if (c.op == Operator::Range) {
        for (const auto &[key, target] :
             {std::pair{QStringLiteral("min"), &c.min}, std::pair{QStringLiteral("max"), &c.max}}) {
            const QJsonValue v = json.value(key);
            if (v.isUndefined() || v.isNull())
                continue;
            if (!v.isDouble())
                throw fail(tr("%1 must be a number").arg(key));
            *target = v.toDouble();
        }
        if (!c.min && !c.max)
            throw fail(tr("a range needs min, max or both"));
        if (c.min && c.max && *c.min > *c.max)
            throw fail(tr("min %1 is above max %2").arg(*c.min).arg(*c.max));
        return c;
    }
    const QJsonValue values = json.value(QStringLiteral("values"));
    if (!values.isArray())
        throw fail(tr("values must be a list of texts"));
    for (const QJsonValue &v : values.toArray()) {
        if (!v.isString() || v.toString().trimmed().isEmpty())
            throw fail(tr("values must be non-empty texts"));
        c.values.append(v.toString().trimmed());
    }
    if (c.values.isEmpty())
        throw fail(tr("values is empty"));
    if (c.op == Operator::Equals && c.values.size() != 1)
        throw fail(tr("equals takes exactly one value"), tr("use one_of for several"));
    return c;
}

} // namespace handoff
