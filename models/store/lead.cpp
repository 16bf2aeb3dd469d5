#include "lead.h"

QString Lead::displayName() const
{
    const QString name = QStringLiteral("%1 %2").arg(firstName, lastName).trimmed();
    return name.isEmpty() ? email : name;
}

QString Lead::emailDomain() const
{
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : email.mid(at + 1).trimmed().toCaseFolded();
}
