#include "store/activitytype.h"

#include <QCoreApplication>

namespace handoff {

namespace activitykind {

QString toString(ActivityKind kind)
{
    switch (kind) {
    case ActivityKind::Intent:
        return QStringLiteral("intent");
    case ActivityKind::Interest:
        return QStringLiteral("interest");
    case ActivityKind::Negative:
        return QStringLiteral("negative");
    }
    return {};
}

std::optional<ActivityKind> fromString(const QString &text)
{
    for (ActivityKind kind :
         {ActivityKind::Intent, ActivityKind::Interest, ActivityKind::Negative}) {
        if (toString(kind).compare(text, Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

} // namespace activitykind

QList<ActivityType> standardActivityTypes()
{
    const auto type = [](const char *code, const char *label, ActivityKind kind) {
        return ActivityType{0, QString::fromLatin1(code),
                            QCoreApplication::translate("ActivityType", label), kind};
    };
    using enum ActivityKind;
    return {
        type("demo_request", "Demo request", Intent),
        type("quote_request", "Quote request", Intent),
        type("trial_signup", "Free trial sign-up", Intent),
        type("pricing_request", "Pricing request", Intent),
        type("contact_request", "Contact request", Intent),
        type("form_submit", "Form submitted", Interest),
        type("ebook_download", "E-book download", Interest),
        type("whitepaper_download", "White paper download", Interest),
        type("webinar_registered", "Webinar registration", Interest),
        type("webinar_attended", "Webinar attended", Interest),
        type("video_watched", "Video watched", Interest),
        type("email_open", "E-mail opened", Interest),
        type("email_click", "E-mail link clicked", Interest),
        type("site_visit", "Site visit", Interest),
        type("page_view", "Page view", Interest),
        type("pricing_page_view", "Pricing page viewed", Interest),
        type("site_search", "Site search", Interest),
        type("newsletter_signup", "Newsletter sign-up", Interest),
        type("ad_click", "Ad clicked", Interest),
        type("social_follow", "Social follow", Interest),
        type("form_error", "Form error", Negative),
        type("careers_page_view", "Careers page viewed", Negative),
        type("email_bounce", "E-mail bounced", Negative),
        type("unsubscribe", "Unsubscribed", Negative),
    };
}

} // namespace handoff
