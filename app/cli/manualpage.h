#pragma once

// The manual page, handoff(1), in roff: written by `handoff --manual-page` at build time from
// the definitions `handoff --help` and each `handoff COMMAND --help` print (cli.h), so the two
// cannot disagree, with what only a manual has around them (files, examples, exit status).

#include <QList>
#include <QString>
#include <QStringList>

namespace handoff {

namespace cli {

struct ManualExample
{
    QStringList arguments; // after "handoff"
    QString what;
    bool opensWindow = false;
};

QString manualPage();
// In an order that works in an empty folder holding an export.csv (tests run them).
QList<ManualExample> manualExamples();

} // namespace cli

} // namespace handoff
