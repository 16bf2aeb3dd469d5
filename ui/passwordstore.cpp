#include "ui/passwordstore.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace handoff {

namespace {

const QString &service()
{
    static const QString name = QStringLiteral("Handoff");
    return name;
}

struct Outcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorText;
    QString password;
};

// Runs `job` and waits for its answer, at most `timeoutMs`. The job deletes itself once it
// answers, also after the wait gave up on it.
Outcome run(QKeychain::Job *job, int timeoutMs)
{
    Outcome outcome;
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *done) {
        outcome.finished = true;
        outcome.error = done->error();
        outcome.errorText = done->errorString();
        if (const auto *reading = qobject_cast<QKeychain::ReadPasswordJob *>(done))
            outcome.password = reading->textData();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file instead
    job->start();
    if (!outcome.finished)
        loop.exec();
    return outcome;
}

} // namespace

KeyringPasswordStore::KeyringPasswordStore(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{}

std::optional<QString> KeyringPasswordStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(service());
    job->setKey(key);
    const Outcome outcome = run(job, m_timeoutMs);
    if (!outcome.finished || outcome.error != QKeychain::NoError)
        return std::nullopt;
    return outcome.password;
}

bool KeyringPasswordStore::write(const QString &key, const QString &password, QString *error)
{
    auto *job = new QKeychain::WritePasswordJob(service());
    job->setKey(key);
    job->setTextData(password);
    const Outcome outcome = run(job, m_timeoutMs);
    if (outcome.finished && outcome.error == QKeychain::NoError)
        return true;
    if (error) {
        // QtKeychain's own text is often just "Unknown error": say what it means here.
        if (!outcome.finished)
            *error =
                tr("the desktop keyring did not answer within %1 seconds").arg(m_timeoutMs / 1000);
        else if (outcome.error == QKeychain::AccessDeniedByUser ||
                 outcome.error == QKeychain::AccessDenied)
            *error = tr("the desktop keyring refused access (%1)").arg(outcome.errorText);
        else
            *error = tr("no desktop keyring is available (%1)").arg(outcome.errorText);
    }
    return false;
}

void KeyringPasswordStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(service());
    job->setKey(key);
    run(job, m_timeoutMs);
}

std::optional<QString> MemoryPasswordStore::read(const QString &key)
{
    if (const auto found = m_passwords.constFind(key); found != m_passwords.constEnd())
        return *found;
    return std::nullopt;
}

bool MemoryPasswordStore::write(const QString &key, const QString &password, QString *error)
{
    if (!m_available) {
        if (error)
            *error = tr("no desktop keyring is available");
        return false;
    }
    m_passwords.insert(key, password);
    return true;
}

} // namespace handoff
