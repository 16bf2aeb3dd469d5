#pragma once

// Scoring model versions as stored: status, authorship and the definition (the scoring
// layer's JSON), plus the two sign-offs a version needs before it may go live. Every version
// is kept; the id is the version number people see.

#include <optional>

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace handoff {

struct ModelRecord
{
    enum class Status { Draft, Proposed, Live, Retired };

    qint64 id = 0;
    Status status = Status::Draft;
    QString name;
    QString author;
    QString rationale;
    std::optional<qint64> basedOn;
    qint64 createdAt = 0;
    std::optional<qint64> liveAt;
    QByteArray definition;
    // Taken live with the leads it hands to sales marked as one batch, outside the
    // speed-to-lead SLA.
    bool batchHandover = false;
    // Taken live with its wave handed over gradually, this many an hour, best first (0: at
    // once).
    int handoverPerHour = 0;
};

// One side's approval of a proposed version.
struct ModelSignOff
{
    enum class Side { Marketing, Sales };

    qint64 modelId = 0;
    Side side = Side::Marketing;
    QString signedBy;
    qint64 signedAt = 0;
};

class ModelRepository
{
public:
    explicit ModelRepository(QSqlDatabase db);

    qint64 insert(const ModelRecord &record);
    std::optional<ModelRecord> find(qint64 id) const;
    std::optional<ModelRecord> live() const;
    QList<ModelRecord> all() const;
    // The newest draft this person is editing, if any.
    std::optional<ModelRecord> latestDraftBy(const QString &author) const;

    void updateDefinition(qint64 id, const QByteArray &definition);
    // Both change a version only while it still has the status expected (a draft, for
    // propose): false when another writer moved it first.
    bool propose(qint64 id, const QString &name, const QString &rationale);
    // How the wave of leads the version lifts over the threshold reaches sales: as one batch
    // (outside the SLA), `perHour` an hour (> 0), or at once.
    void setHandover(qint64 id, bool batch, int perHour);
    bool setStatus(qint64 id, ModelRecord::Status from, ModelRecord::Status to,
                   std::optional<qint64> liveAt = {});

    void addSignOff(const ModelSignOff &signOff);
    QList<ModelSignOff> signOffs(qint64 modelId) const;

    static QString statusName(ModelRecord::Status status);
    static QString sideName(ModelSignOff::Side side);

private:
    QList<ModelRecord> select(const QString &where, const QVariantMap &values) const;

    QSqlDatabase m_db;
};

} // namespace handoff
