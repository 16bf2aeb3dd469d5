#include "queues/handoverpace.h"

#include <algorithm>

#include <QCoreApplication>

namespace handoff {

namespace handoverpace {

int suggestedPerHour(int salesReps)
{
    return std::max(salesReps, 1) * LeadsPerRepHour;
}

qint64 spanSeconds(int leads, int perHour)
{
    if (leads <= 0 || perHour <= 0)
        return 0;
    return qint64((leads - 1) / perHour) * 3600;
}

QString spanText(int leads, int perHour)
{
    const qint64 hours = spanSeconds(leads, perHour) / 3600;
    if (hours == 0)
        return QCoreApplication::translate("HandoverPace", "all in the first hour");
    return hours == 1
               ? QCoreApplication::translate("HandoverPace", "the last of them 1 hour later")
               : QCoreApplication::translate("HandoverPace", "the last of them %1 hours later")
                     .arg(hours);
}

QList<PendingHandover> schedule(QList<PendingHandover> wave, int perHour, qint64 start)
{
    // Best first; equal scores in lead order, so every console plans the same wave.
    std::stable_sort(wave.begin(), wave.end(), [](const auto &a, const auto &b) {
        return a.score != b.score ? a.score > b.score : a.leadId < b.leadId;
    });
    perHour = std::max(perHour, 1);
    for (qsizetype i = 0; i < wave.size(); ++i)
        wave[i].releaseAt = start + qint64(i / perHour) * 3600;
    return wave;
}

} // namespace handoverpace

} // namespace handoff
