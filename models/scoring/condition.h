#pragma once

// A test on one lead field, shared by fit rules and disqualification rules: the field, an
// operator (equals, contains, one of, range) and its operands. Text comparisons ignore case;
// a range applies to numeric fields such as company size and never matches an empty value.

#include <optional>

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include "store/error.h"

namespace handoff {

struct Condition
{
    Q_DECLARE_TR_FUNCTIONS(Condition)

public:
    enum class Operator { Equals, Contains, OneOf, Range };

    QString field;
    Operator op = Operator::Equals;
    QStringList values;
    std::optional<double> min;
    std::optional<double> max;

    bool matches(const QString &value) const;
    QString describe() const;

    QJsonObject toJson() const;
    // Reads the condition part of a rule; throws Error at `where` (the rule's JSON path as
    // its record: "fit_rules[2]") saying what is wrong.
    static Condition fromJson(const QJsonObject &json, const ErrorWhere &where);

    static QString operatorName(Operator op);
    bool operator==(const Condition &) const = default;
};

} // namespace handoff
