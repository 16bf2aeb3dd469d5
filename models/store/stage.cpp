#include "store/stage.h"

#include <array>

#include <QCoreApplication>

namespace handoff {

namespace {
const std::array<QString, 9> names = {
    QStringLiteral("suspect"),     QStringLiteral("mql"),      QStringLiteral("sql"),
    QStringLiteral("opportunity"), QStringLiteral("won"),      QStringLiteral("lost"),
    QStringLiteral("nurture"),     QStringLiteral("recycled"), QStringLiteral("disqualified"),
};
} // namespace

namespace stage {

QString toString(Stage stage)
{
    return names.at(static_cast<size_t>(stage));
}

std::optional<Stage> fromString(const QString &text)
{
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i].compare(text, Qt::CaseInsensitive) == 0)
            return static_cast<Stage>(i);
    }
    return std::nullopt;
}

QString label(Stage stage)
{
    static const char *const labels[] = {
        QT_TRANSLATE_NOOP("Stage", "Suspect"),      QT_TRANSLATE_NOOP("Stage", "MQL"),
        QT_TRANSLATE_NOOP("Stage", "SQL"),          QT_TRANSLATE_NOOP("Stage", "Opportunity"),
        QT_TRANSLATE_NOOP("Stage", "Won"),          QT_TRANSLATE_NOOP("Stage", "Lost"),
        QT_TRANSLATE_NOOP("Stage", "Nurture"),      QT_TRANSLATE_NOOP("Stage", "Recycled"),
        QT_TRANSLATE_NOOP("Stage", "Disqualified"),
    };
    return QCoreApplication::translate("Stage", labels[static_cast<size_t>(stage)]);
}

bool isOpen(Stage stage)
{
    return stage == Stage::Suspect || stage == Stage::Mql || stage == Stage::Nurture ||
           stage == Stage::Recycled;
}

} // namespace stage

} // namespace handoff
