#pragma once

// Looks at a database a killed writer left behind, through its own connection, which only
// reads (the one place in the harness that speaks SQL): is the file sound (integrity_check,
// foreign_key_check, no open handoff without its lead), and is the interrupted operation all
// there, not there at all, or partial. For the harness's self-test it can also break a
// finished operation on purpose, so a checker that could never say "partial" is noticed.

#include <QSqlDatabase>
#include <QStringList>

#include "crashoperation.h"

namespace handoff {

class CrashChecker
{
public:
    enum class State { NotThere, AllThere, Partial };
    struct Verdict
    {
        State state = State::Partial;
        QString detail; // what was found, in words
    };

    explicit CrashChecker(const QString &path); // throws Error when it cannot open
    ~CrashChecker();
    CrashChecker(const CrashChecker &) = delete;
    CrashChecker &operator=(const CrashChecker &) = delete;

    // What is wrong with the file itself; empty when it is sound.
    QStringList damage() const;
    Verdict verdict(Operation operation, const Expectation &expect) const;

    // The first `n` leads' external ids and e-mails, for an import file that updates them.
    QList<std::pair<QString, QString>> leadKeys(int n) const;
    static void breakOnPurpose(const QString &path, Operation operation);
    // Deletes the lead of an open handoff behind the foreign keys' back.
    static void orphanAHandoff(const QString &path);

private:
    static void writeOnPurpose(const QString &path, const QStringList &statements);
    qint64 count(const QString &sql, const QVariantList &values = {}) const;
    Verdict importState(const Expectation &expect) const;
    Verdict undoState(const Expectation &expect) const;
    Verdict goLiveState(const Expectation &expect) const;
    Verdict claimState(const Expectation &expect) const;
    Verdict demoState(const Expectation &expect) const;
    Verdict createState(const Expectation &expect) const;
    // How much of the import batch is in place, each figure against what a full one has.
    QStringList importDifferences(const Expectation &expect, bool whole) const;

    QString m_name;
    QSqlDatabase m_db;
};

} // namespace handoff
