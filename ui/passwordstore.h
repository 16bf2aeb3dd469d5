#pragma once

// Where a team server's password is remembered between starts, behind one seam: the desktop
// keyring (KeyringPasswordStore: Secret Service or KWallet through QtKeychain), or memory
// (MemoryPasswordStore, for tests). Never the settings file: nothing here falls back to
// writing a password in clear text when no keyring answers.

#include <optional>

#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace handoff {

class PasswordStore
{
public:
    virtual ~PasswordStore() = default;

    // The password remembered under `key`; nullopt when none is, or no keyring answered.
    virtual std::optional<QString> read(const QString &key) = 0;
    // False when it could not be remembered, with why in `error` (for people to read).
    virtual bool write(const QString &key, const QString &password, QString *error) = 0;
    virtual void remove(const QString &key) = 0;
};

// QtKeychain's jobs answer asynchronously; each call here waits for its answer in a local
// event loop, at most `timeoutMs` (a keyring that asks to be unlocked waits for a person).
class KeyringPasswordStore : public PasswordStore
{
    Q_DECLARE_TR_FUNCTIONS(KeyringPasswordStore)

public:
    explicit KeyringPasswordStore(int timeoutMs = 30000);

    std::optional<QString> read(const QString &key) override;
    bool write(const QString &key, const QString &password, QString *error) override;
    void remove(const QString &key) override;

private:
    int m_timeoutMs;
};

class MemoryPasswordStore : public PasswordStore
{
    Q_DECLARE_TR_FUNCTIONS(MemoryPasswordStore)

public:
    // `available` false: as a machine without a keyring, nothing is kept.
    explicit MemoryPasswordStore(bool available = true)
        : m_available(available)
    {}

    std::optional<QString> read(const QString &key) override;
    bool write(const QString &key, const QString &password, QString *error) override;
    void remove(const QString &key) override { m_passwords.remove(key); }

    const QHash<QString, QString> &passwords() const { return m_passwords; }

private:
    bool m_available;
    QHash<QString, QString> m_passwords;
};

} // namespace handoff
