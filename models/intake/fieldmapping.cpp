#include "intake/fieldmapping.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "intake/intakerejection.h"

namespace handoff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FieldMapping", text);
}

struct TargetName
{
    IntakeTarget target;
    const char *name;
};

// The names a mapping points at (and a form may use as they are).
constexpr TargetName targetTable[] = {
    {IntakeTarget::Email, "email"},        {IntakeTarget::FirstName, "first_name"},
    {IntakeTarget::LastName, "last_name"}, {IntakeTarget::FullName, "name"},
    {IntakeTarget::Company, "company"},    {IntakeTarget::Title, "title"},
    {IntakeTarget::Country, "country"},    {IntakeTarget::Request, "request"},
    {IntakeTarget::Page, "page"},          {IntakeTarget::Campaign, "campaign"},
    {IntakeTarget::Consent, "consent"},    {IntakeTarget::SubmittedAt, "submitted_at"},
    {IntakeTarget::EventId, "event_id"},   {IntakeTarget::Ignore, "ignore"},
};

std::optional<IntakeTarget> targetNamed(const QString &name)
{
    for (const TargetName &t : targetTable) {
        if (name == QLatin1String(t.name))
            return t.target;
    }
    return std::nullopt;
}

QString targetName(IntakeTarget target)
{
    for (const TargetName &t : targetTable) {
        if (t.target == target)
            return QLatin1String(t.name);
    }
    return {};
}

// The names each kind of sender uses, most specific first.
QList<std::pair<const char *, IntakeTarget>> defaultsFor(IntakeKind kind)
{
    using enum IntakeTarget;
    switch (kind) {
    case IntakeKind::Form:
        return {{"e-mail", Email},
                {"email_address", Email},
                {"firstname", FirstName},
                {"firstName", FirstName},
                {"lastname", LastName},
                {"lastName", LastName},
                {"full_name", FullName},
                {"company_name", Company},
                {"organization", Company},
                {"job_title", Title},
                {"jobtitle", Title},
                {"interest", Request},
                {"inquiry_type", Request},
                {"page_url", Page},
                {"pageUri", Page},
                {"utm_campaign", Campaign},
                {"marketing_consent", Consent},
                {"timestamp", SubmittedAt}};
    case IntakeKind::HubSpot:
        return {{"firstname", FirstName}, {"lastname", LastName},     {"jobtitle", Title},
                {"pageUri", Page},        {"utm_campaign", Campaign}, {"submittedAt", SubmittedAt},
                {"eventId", EventId}};
    case IntakeKind::Marketo:
        return {{"firstName", FirstName},   {"lastName", LastName},       {"landingPage", Page},
                {"utm_campaign", Campaign}, {"submittedAt", SubmittedAt}, {"eventId", EventId}};
    }
    return {};
}

bool looksLikeEmail(const QString &email)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)"));
    return email.size() <= 254 && pattern.match(email).hasMatch();
}

std::optional<bool> consentFrom(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"true" || t == u"yes" || t == u"1" || t == u"on" || t == u"checked" || t == u"y")
        return true;
    if (t == u"false" || t == u"no" || t == u"0" || t == u"off" || t.isEmpty() || t == u"n")
        return false;
    return std::nullopt;
}

} // namespace

FieldMapping::FieldMapping(IntakeKind kind, const QString &mappingJson)
{
    const auto add = [this](const QString &name, IntakeTarget target) {
        if (m_targets.contains(name))
            return;
        m_targets.insert(name, target);
        m_order.append({name, target});
    };
    const QJsonObject own = QJsonDocument::fromJson(mappingJson.toUtf8()).object();
    for (auto it = own.begin(); it != own.end(); ++it) {
        if (const auto target = targetNamed(it.value().toString()))
            add(it.key(), *target);
    }
    for (const TargetName &t : targetTable)
        add(QLatin1String(t.name), t.target);
    for (const auto &[name, target] : defaultsFor(kind))
        add(QLatin1String(name), target);
}

QString FieldMapping::check(const QString &mappingJson)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(mappingJson.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return tr("the mapping is not valid JSON: %1 at byte %2")
            .arg(error.errorString())
            .arg(error.offset + 1);
    if (!document.isObject())
        return tr("the mapping is not a JSON object of field names");
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString() || !targetNamed(it.value().toString()))
            return tr("field '%1' maps to '%2', which is not one of %3")
                .arg(it.key(), it.value().toVariant().toString(),
                     targetNames().join(QStringLiteral(", ")));
    }
    return {};
}

QStringList FieldMapping::targetNames()
{
    QStringList names;
    for (const TargetName &t : targetTable)
        names.append(QLatin1String(t.name));
    return names;
}

QStringList FieldMapping::sourcesOf(IntakeTarget target) const
{
    QStringList names;
    for (const auto &[name, t] : m_order) {
        if (t == target)
            names.append(name);
    }
    return names;
}

std::optional<QString> FieldMapping::given(const BodyFields &body, IntakeTarget target,
                                           QString *field) const
{
    for (const auto &[name, t] : m_order) {
        if (t != target)
            continue;
        if (body.nested.contains(name))
            throw IntakeRejection(422,
                                  tr("field '%1' (%2) is an object or a list, where a text "
                                     "was expected")
                                      .arg(name, targetName(target)),
                                  name);
        const QString value = body.value(name);
        if (!value.isNull()) {
            if (field)
                *field = name;
            return value.trimmed();
        }
    }
    return std::nullopt;
}

QString FieldMapping::first(const BodyFields &body, IntakeTarget target, QString *field) const
{
    return given(body, target, field).value_or(QString());
}

QString FieldMapping::requestCodeFor(const QString &text)
{
    const QString t = text.trimmed().toLower();
    static const QList<std::pair<const char *, const char *>> words = {
        {"demo", "demo_request"},     {"quote", "quote_request"},
        {"trial", "trial_signup"},    {"pricing", "pricing_request"},
        {"price", "pricing_request"}, {"contact", "contact_request"},
        {"sales", "contact_request"}, {"call", "contact_request"},
    };
    for (const auto &[word, code] : words) {
        if (t == QLatin1String(code) || t.contains(QLatin1String(word)))
            return QLatin1String(code);
    }
    if (t == u"form_submit")
        return t;
    return {};
}

IntakeSubmission FieldMapping::submission(const BodyFields &body, const QString &requestCode) const
{
    IntakeSubmission s;
    QString field;
    const QString email = first(body, IntakeTarget::Email, &field);
    if (email.isEmpty())
        throw IntakeRejection(422,
                              tr("no e-mail address: the body has none of the fields %1")
                                  .arg(sourcesOf(IntakeTarget::Email).join(QStringLiteral(", "))),
                              QStringLiteral("email"));
    if (!looksLikeEmail(email))
        throw IntakeRejection(
            422, tr("field '%1': '%2' is not an e-mail address").arg(field, email.left(80)), field);
    s.lead.email = email;
    s.lead.firstName = first(body, IntakeTarget::FirstName);
    s.lead.lastName = first(body, IntakeTarget::LastName);
    if (s.lead.firstName.isEmpty() && s.lead.lastName.isEmpty()) {
        const QString full = first(body, IntakeTarget::FullName);
        s.lead.firstName = full.section(QLatin1Char(' '), 0, 0);
        s.lead.lastName = full.section(QLatin1Char(' '), 1).trimmed();
    }
    s.lead.company = first(body, IntakeTarget::Company);
    s.lead.title = first(body, IntakeTarget::Title);
    s.lead.country = first(body, IntakeTarget::Country);
    s.lead.channel = first(body, IntakeTarget::Campaign);
    s.page = first(body, IntakeTarget::Page);

    const QString asked = first(body, IntakeTarget::Request, &field);
    if (!asked.isEmpty()) {
        s.requestCode = requestCodeFor(asked);
        if (s.requestCode.isEmpty())
            throw IntakeRejection(422,
                                  tr("field '%1': '%2' is not a request Handoff knows; say demo, "
                                     "quote, trial, pricing or contact")
                                      .arg(field, asked.left(80)),
                                  field);
    } else {
        s.requestCode = requestCode.isEmpty() ? QStringLiteral("form_submit") : requestCode;
    }
    if (const auto consent = given(body, IntakeTarget::Consent, &field)) {
        s.consent = consentFrom(*consent);
        if (!s.consent)
            throw IntakeRejection(
                422, tr("field '%1': '%2' is neither yes nor no").arg(field, consent->left(40)),
                field);
    }
    return s;
}

std::optional<qint64> FieldMapping::submittedAt(const BodyFields &body) const
{
    QString field;
    const QString text = first(body, IntakeTarget::SubmittedAt, &field);
    if (text.isEmpty())
        return std::nullopt;
    bool number = false;
    const qint64 value = text.toLongLong(&number);
    if (number && value > 0)
        return value > 100'000'000'000 ? value / 1000 : value; // milliseconds or seconds
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
        throw IntakeRejection(422,
                              tr("field '%1': '%2' is not a time; give seconds or milliseconds "
                                 "since 1970, or ISO 8601 with its time zone")
                                  .arg(field, text.left(40)),
                              field);
    return at.toSecsSinceEpoch();
}

QString FieldMapping::eventId(const BodyFields &body) const
{
    return first(body, IntakeTarget::EventId);
}

} // namespace handoff
