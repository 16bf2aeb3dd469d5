#include "analyticsrepository.h"

#include <algorithm>

#include <QHash>

#include <QSqlQuery>
#include <QVariant>

#include "rowscanner.h"
#include "segment.h"
#include "sqlquery.h"
#include "transaction.h"

AnalyticsRepository::AnalyticsRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

AnalyticsDataset AnalyticsRepository::load() const
{
    AnalyticsDataset data;
    Transaction snapshot(m_db, Transaction::Kind::Read);
    {
        RowScanner last(m_db, QStringLiteral("SELECT max(id) FROM leads"));
        last.run();
        if (last.next())
            data.leads.reserve(size_t(std::max<qint64>(0, last.integer(0)))); // ids are dense
    }
    {
        RowScanner leads(m_db, QStringLiteral("SELECT id, source, channel, company_size, "
                                              "created_at FROM leads ORDER BY id"));
        leads.run();
        // Channels are a dozen values repeated a million times: compare bytes with the ones
        // seen so far, without a QString or an allocation per row.
        std::vector<std::pair<QByteArray, quint16>> channels;
        while (leads.next()) {
            LeadJourney lead;
            lead.id = leads.integer(0);
            lead.marketing = leads.utf8(1) != QByteArrayView("sales");
            const QByteArrayView channel = leads.utf8(2);
            auto it = std::find_if(channels.begin(), channels.end(), [&](const auto &c) {
                return QByteArrayView(c.first) == channel;
            });
            if (it == channels.end()) {
                channels.emplace_back(channel.toByteArray(),
                                      data.internChannel(QString::fromUtf8(channel)));
                it = channels.end() - 1;
            }
            lead.channel = it->second;
            lead.segment = segment::bandFor(leads.isNull(3) ? std::nullopt
                                                            : std::optional<int>(leads.integer(3)));
            lead.createdAt = leads.integer(4);
            data.leads.push_back(lead);
        }
    }
    {
        // Every row rather than WHERE to_stage IN (...): the planner would walk the to_stage
        // index and fetch rows in random order, five times slower on a million leads.
        RowScanner history(m_db, QStringLiteral("SELECT lead_id, to_stage, changed_at "
                                                "FROM stage_history ORDER BY id"));
        history.run();
        int last = -1;
        qint64 lastId = 0;
        while (history.next()) {
            const QByteArrayView stage = history.utf8(1);
            qint64 LeadJourney::*field = stage == QByteArrayView("mql")   ? &LeadJourney::mqlAt
                                         : stage == QByteArrayView("sql") ? &LeadJourney::sqlAt
                                         : stage == QByteArrayView("opportunity")
                                             ? &LeadJourney::opportunityAt
                                         : stage == QByteArrayView("won") ? &LeadJourney::wonAt
                                                                          : nullptr;
            if (!field)
                continue;
            const qint64 leadId = history.integer(0);
            if (leadId != lastId) {
                last = data.indexOf(leadId);
                lastId = leadId;
            }
            if (last < 0)
                continue;
            qint64 &at = data.leads[size_t(last)].*field;
            const qint64 changedAt = history.integer(2);
            if (at == 0 || changedAt < at)
                at = changedAt; // the first time it got there
        }
    }
    {
        RowScanner handoffs(m_db, QStringLiteral("SELECT lead_id, trigger, model_id, raised_at, "
                                                 "first_contact_at, outcome, outcome_at, reason "
                                                 "FROM handoffs ORDER BY id"));
        handoffs.run();
        QHash<QByteArray, quint16> reasonIndex;
        while (handoffs.next()) {
            HandoffFact h;
            h.lead = data.indexOf(handoffs.integer(0));
            if (h.lead < 0)
                continue;
            h.intent = handoffs.utf8(1) == QByteArrayView("intent");
            h.modelId = handoffs.integer(2);
            h.raisedAt = handoffs.integer(3);
            h.firstContactAt = handoffs.integer(4);
            const QByteArrayView outcome = handoffs.utf8(5);
            h.outcome = outcome == QByteArrayView("accepted")   ? HandoffFact::Outcome::Accepted
                        : outcome == QByteArrayView("rejected") ? HandoffFact::Outcome::Rejected
                                                                : HandoffFact::Outcome::Open;
            h.outcomeAt = handoffs.integer(6);
            if (h.outcome == HandoffFact::Outcome::Rejected) {
                const QByteArray reason = handoffs.utf8(7).toByteArray().trimmed();
                auto it = reasonIndex.find(reason);
                if (it == reasonIndex.end())
                    it = reasonIndex.insert(reason, data.internReason(QString::fromUtf8(reason)));
                h.reason = *it;
            }
            data.handoffs.push_back(h);
        }
    }
    {
        RowScanner models(m_db, QStringLiteral("SELECT id, name FROM scoring_models"));
        models.run();
        while (models.next())
            data.modelNames.insert(models.integer(0), models.text(1));
    }
    snapshot.commit();
    return data;
}

std::vector<ActivityTouch> AnalyticsRepository::touches(const std::vector<qint64> &leadIds) const
{
    QHash<qint64, QString> labels;
    {
        RowScanner types(m_db, QStringLiteral("SELECT id, label FROM activity_types"));
        types.run();
        while (types.next())
            labels.insert(types.integer(0), types.text(1));
    }
    std::vector<ActivityTouch> result;
    Transaction snapshot(m_db, Transaction::Kind::Read);
    RowScanner activities(m_db, QStringLiteral("SELECT type_id, asset, occurred_at "
                                               "FROM activities WHERE lead_id = ?"));
    QHash<QByteArray, QString> assets; // one QString per distinct asset
    for (const qint64 leadId : leadIds) {
        activities.bind(1, leadId);
        activities.run();
        while (activities.next()) {
            ActivityTouch touch;
            touch.leadId = leadId;
            touch.type = labels.value(activities.integer(0));
            const QByteArray asset = activities.utf8(1).toByteArray();
            auto it = assets.find(asset);
            if (it == assets.end())
                it = assets.insert(asset, QString::fromUtf8(asset));
            touch.asset = *it;
            touch.occurredAt = activities.integer(2);
            result.push_back(std::move(touch));
        }
    }
    snapshot.commit();
    return result;
}

std::vector<RejectedHandoff> AnalyticsRepository::rejectedHandoffs(qint64 from, qint64 to) const
{
    QSqlQuery q = sql::prepare(
        m_db, QStringLiteral("SELECT h.id, h.lead_id, l.first_name, l.last_name, l.company, "
                             "h.trigger, h.outcome_by, h.outcome_at, h.reason FROM handoffs h "
                             "JOIN leads l ON l.id = h.lead_id WHERE h.outcome = 'rejected' AND "
                             "h.outcome_at >= :from AND h.outcome_at < :to "
                             "ORDER BY h.outcome_at, h.id"));
    q.setForwardOnly(true);
    q.bindValue(QStringLiteral(":from"), from);
    q.bindValue(QStringLiteral(":to"), to);
    sql::exec(q);
    std::vector<RejectedHandoff> result;
    while (q.next()) {
        RejectedHandoff r;
        r.handoffId = q.value(0).toLongLong();
        r.leadId = q.value(1).toLongLong();
        r.lead =
            QStringLiteral("%1 %2").arg(q.value(2).toString(), q.value(3).toString()).trimmed();
        r.company = q.value(4).toString();
        r.intent = q.value(5).toString() == QLatin1String("intent");
        r.rejectedBy = q.value(6).toString();
        r.rejectedAt = q.value(7).toLongLong();
        r.reason = q.value(8).toString().trimmed();
        result.push_back(r);
    }
    return result;
}
