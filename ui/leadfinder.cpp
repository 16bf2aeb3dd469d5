#include "ui/leadfinder.h"

#include <algorithm>

#include <QAction>
#include <QWidget>

#include "queues/console.h"
#include "scoring/leadtable.h"
#include "store/error.h"
#include "ui/prompter.h"

namespace handoff {

namespace {

// Longer than any e-mail address (254) or id a CRM hands out: a paste gone wrong.
constexpr int MaxKeyLength = 320;
// A search by name offers at most this many leads to choose from.
constexpr int MaxOffered = 50;

} // namespace

LeadFinder::LeadFinder(Console &console, Prompter &prompter, QWidget *window)
    : QObject(window)
    , m_console(console)
    , m_prompter(prompter)
    , m_window(window)
    , m_find(new QAction(tr("&Find lead…"), this))
{
    m_find->setObjectName(QStringLiteral("findLeadAction"));
    m_find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_find->setToolTip(tr("Open a lead by its number, its external id or its e-mail address, "
                          "in a queue or not"));
    connect(m_find, &QAction::triggered, this, &LeadFinder::ask);
}

void LeadFinder::ask()
{
    if (const auto key = m_prompter.askLine(
            m_window, tr("Find lead"),
            tr("Lead number, external id (from the CRM export), e-mail address, or part "
               "of a name, company or title (any stage):")))
        find(*key);
}

bool LeadFinder::find(const QString &text)
{
    QString key = text.trimmed();
    if (key.isEmpty()) {
        m_prompter.showError(m_window, tr("Type a lead number, an external id or an e-mail "
                                          "address to find a lead."));
        return false;
    }
    if (key.size() > MaxKeyLength) {
        m_prompter.showError(m_window, tr("That is %1 characters long: no lead number, external "
                                          "id or e-mail address is. Type just the one to find.")
                                           .arg(key.size()));
        return false;
    }
    // "#42" is how a lead number is often written (and may be an external id as it is).
    QStringList keys = {key};
    if (key.startsWith(QLatin1Char('#'))) {
        bool numeric = false;
        key.mid(1).toLongLong(&numeric);
        if (numeric)
            keys.append(key.mid(1));
    }
    QList<Lead> leads;
    try {
        for (const QString &k : keys) {
            for (const Lead &lead : m_console.findLeads(k)) {
                if (std::none_of(leads.begin(), leads.end(),
                                 [&](const Lead &l) { return l.id == lead.id; }))
                    leads.append(lead);
            }
        }
        // No key matched: the text in any lead's name, company, e-mail, id or title.
        int more = 0;
        if (leads.isEmpty() && m_console.isLoading()) {
            m_prompter.showError(m_window,
                                 tr("No lead has the number, external id or e-mail address "
                                    "“%1”. Searching every lead's name, company and title "
                                    "waits until the console has read them all (the interest "
                                    "queue shows how far it got).")
                                     .arg(key));
            return false;
        }
        if (leads.isEmpty()) {
            const LeadTable &table = m_console.engine().leads();
            const QString needle = key.toCaseFolded();
            QList<qint64> ids;
            for (int row = 0; row < table.size(); ++row) {
                if (!table.matches(row, needle))
                    continue;
                if (ids.size() < MaxOffered)
                    ids.append(table.id(row));
                else
                    ++more;
            }
            for (qint64 id : std::as_const(ids)) {
                if (const auto lead = m_console.lead(id))
                    leads.append(*lead);
            }
        }
        m_more = more;
    } catch (const Error &e) {
        m_prompter.showError(m_window, e.message());
        return false;
    }
    if (leads.isEmpty()) {
        m_prompter.showError(m_window, tr("No lead has the number, external id or e-mail "
                                          "address “%1”, or has it in its name, company or "
                                          "title, in any stage.")
                                           .arg(key));
        return false;
    }
    qint64 leadId = leads.first().id;
    if (leads.size() > 1) {
        QStringList items;
        for (const Lead &lead : leads) {
            QStringList parts = {lead.displayName()};
            if (!lead.company.isEmpty())
                parts.append(lead.company);
            if (!lead.email.isEmpty() && lead.email != lead.displayName())
                parts.append(lead.email);
            if (!lead.externalId.isEmpty() && lead.externalId != lead.displayName())
                parts.append(tr("external id %1").arg(lead.externalId));
            parts.append(tr("lead %1, %2").arg(lead.id).arg(stage::label(lead.stage)));
            items.append(parts.join(QStringLiteral(" · ")));
        }
        const QString question =
            m_more > 0
                ? tr("%Ln leads match “%1”; the first %2 are listed. Open which?", nullptr,
                     int(leads.size()) + m_more)
                      .arg(key)
                      .arg(leads.size())
                : tr("%Ln leads match “%1”. Open which?", nullptr, int(leads.size())).arg(key);
        const auto chosen = m_prompter.askChoice(m_window, tr("Find lead"), question, items);
        if (!chosen || *chosen < 0 || *chosen >= leads.size())
            return false;
        leadId = leads.at(*chosen).id;
    }
    emit found(leadId);
    return true;
}

} // namespace handoff
