#pragma once

// The lead fields that fit and disqualification rules may test, by their stable names
// ("title", "company_size", "email_domain", ...), with the label people see, plus the custom
// fields imports kept ("custom:Lead Quality").
//
// The one place that says what value a rule sees: the stored lead keeps what its file said,
// rules compare the normalised value (see normalize.h): country as ISO alpha-2 ("USA" ->
// "US"), seniority in the standard vocabulary, derived from the title when the lead has none,
// company size as a number (its text kept beside it when it was a range), and "yes"/"no" for
// free_mail and disposable_mail (empty without an e-mail address).

#include <QStringList>

namespace handoff {

struct Lead;
struct ScoreBreakdown;

namespace leadfields {

QStringList names();
// A standard field, or "custom:NAME" for a field an import kept.
bool isKnown(const QString &name);
bool isCustom(const QString &name);
QString customName(const QString &name); // "custom:Lead Quality" -> "Lead Quality"
QString customField(const QString &customName);
QString label(const QString &name);
// The field's value for one lead, as the text rules compare against.
QString value(const Lead &lead, const QString &name);
// What that value was read from, when the rule does not see the stored text as is: the text
// as given ("USA" for country US, "51-200" for company size 51), or where a derived value
// comes from ("from the title "VP of Marketing""). Empty when the value is the stored one.
QString origin(const Lead &lead, const QString &name);
// The value with its origin, as people read it: "US (USA)", "VP (from the title "VP of
// Marketing")", "Software".
QString shown(const QString &value, const QString &origin);
QString shown(const Lead &lead, const QString &name);
// Sets each fit line's origin from the lead the breakdown explains.
void noteOrigins(ScoreBreakdown &breakdown, const Lead &lead);

} // namespace leadfields

} // namespace handoff
