#pragma once

// What a rule compares when a file spells a fact its own way: a country as ISO 3166-1
// alpha-2 ("USA", "United Kingdom", "Deutschland" -> "US", "GB", "DE"), a seniority in the
// one vocabulary the standard model and the demo use (said outright, or derived from the job
// title), and whether an e-mail domain is a free or a disposable mailbox. The stored lead
// keeps what the file said; leadfields reads through these functions. Pure and locale-free.

#include <QString>
#include <QStringList>

namespace handoff {

namespace normalize {

// ISO 3166-1 alpha-2 for a country's name (English, as Qt's territory data spells it, or
// native: "Deutschland", "España"), its alpha-2 or alpha-3 code, or a common variant ("U.S.",
// "United States of America", "UK", "England", "Great Britain", "Holland"), in any case.
// Anything else comes back as given, trimmed.
QString country(const QString &text);

// The seniority vocabulary: "C-level", "VP", "Director", "Manager", "Individual contributor",
// "Student" (the standard model's and the demo's values).
QStringList seniorities();

// A seniority a file gave, in the vocabulary when it is a known spelling of one ("VP-Level",
// "C-Suite", "Executive", "Non-Manager", "director"); anything else as given, trimmed.
QString seniority(const QString &text);

// The seniority a job title implies; empty when the title says none. Checked in this order,
// on whole words in any case, dots dropped ("V.P.", "Sr."):
//   C-level   CEO, CFO, CTO, CMO, COO, CIO, CRO, CISO, CPO, CDO, Chief ..., Founder,
//             Co-founder, Owner (not Product Owner), President (not Vice President),
//             Managing Director, Geschäftsführer
//   VP        VP, SVP, EVP, AVP, Vice President, Head of ... (someone who runs a function
//             and reports to the C-level: what a VP is where the title is used)
//   Director  Director, Dir
//   Manager   Manager, Mgr, Team Lead, Supervisor
//   Student   Student, Intern, Internship, Trainee, Apprentice
//   Individual contributor   Specialist, Analyst, Engineer, Developer, Consultant,
//             Coordinator, Associate, Representative, Designer, Administrator, Assistant,
//             Accountant, Account Executive, Sales Executive, Architect, Scientist
QString seniorityFromTitle(const QString &title);

// The free-mail providers (gmail.com, outlook.com, ...) and the throwaway-mailbox services
// (mailinator.com, ...): a short list each, the common ones, here and nowhere else. A
// domain matches in any case.
bool isFreeMail(const QString &domain);
bool isDisposableMail(const QString &domain);
const QStringList &freeMailDomains();
const QStringList &disposableMailDomains();

} // namespace normalize

} // namespace handoff
