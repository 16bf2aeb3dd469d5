#pragma once

// Weighted word lists the demo generator draws from: names, titles by seniority, industries,
// countries, channels and the reasons sales gives for rejecting a lead.

#include <random>
#include <vector>

#include <QString>

namespace handoff {

struct WeightedChoice
{
    QString value;
    double weight;
    double fitEffect = 0; // how much this value really moves conversion in the demo world
};

class WeightedList
{
public:
    WeightedList(std::vector<WeightedChoice> choices);
    const WeightedChoice &pick(std::mt19937_64 &rng) const;

private:
    std::vector<WeightedChoice> m_choices;
    mutable std::discrete_distribution<size_t> m_distribution;
};

namespace demovocabulary {

const std::vector<QString> &firstNames();
const std::vector<QString> &lastNames();
const std::vector<QString> &companyWords();
const std::vector<QString> &functions();
const WeightedList &seniorities();
QString titleFor(const QString &seniority, const QString &function, std::mt19937_64 &rng);
const WeightedList &industries();
const WeightedList &countries();
const WeightedList &marketingChannels();
const WeightedList &salesChannels();
const WeightedList &intentRequests();
const WeightedList &rejectReasons();
const std::vector<QString> &salesReps();
const std::vector<QString> &assetsFor(const QString &activityType);

} // namespace demovocabulary

} // namespace handoff
