#pragma once

// Writes a leads file shaped like a real CRM export whose truth is known, for the suggestion
// benchmark: conversion is drawn from a logistic model of fit (seniority from the title,
// company size, country, industry, source, free-mail) and behaviour (visits, e-mail clicks,
// time on site); some columns leak the outcome (filled in by sales after contact), some are
// noise; values are spelled as exports spell them (country variants, size ranges, numbers and
// dates in text columns, rare values, two columns that pick out the same leads). No dates of
// creation or conversion: the history is undated, as in the public datasets.

#include <QHash>
#include <QString>
#include <QStringList>

namespace handoff {

namespace exportgen {

struct Options
{
    int leads = 9000;
    quint64 seed = 1;
};

// Column names of the leaks the generator plants (what a leak detector should flag), and of
// the pure noise columns (what should earn no points).
QStringList leakColumns();
QStringList noiseColumns();

struct Written
{
    double convertedShare = 0;
    // The true log-odds of converting, by the "Lead ID" written: the best any model could
    // rank these leads (its AUC is the ceiling).
    QHash<QString, double> truth;
};

// Writes the file. Throws std::runtime_error when the file cannot be written.
Written write(const QString &path, const Options &options);

} // namespace exportgen

} // namespace handoff
