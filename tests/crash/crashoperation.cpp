#include "crashoperation.h"

namespace handoff {

namespace {

const QList<std::pair<Operation, QString>> &names()
{
    static const QList<std::pair<Operation, QString>> table = {
        {Operation::Import, QStringLiteral("import")},
        {Operation::UndoImport, QStringLiteral("undo-import")},
        {Operation::Demo, QStringLiteral("demo")},
        {Operation::Create, QStringLiteral("create")},
        {Operation::GoLive, QStringLiteral("go-live")},
        {Operation::Claim, QStringLiteral("claim")},
    };
    return table;
}

} // namespace

QString operationName(Operation operation)
{
    for (const auto &[op, name] : names()) {
        if (op == operation)
            return name;
    }
    return {};
}

std::optional<Operation> operationFrom(const QString &name)
{
    for (const auto &[op, known] : names()) {
        if (known == name)
            return op;
    }
    return std::nullopt;
}

QList<Operation> allOperations()
{
    QList<Operation> all;
    for (const auto &entry : names())
        all.append(entry.first);
    return all;
}

} // namespace handoff
