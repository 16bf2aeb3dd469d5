// libFuzzer target for what the intake service reads from a request: the body in each
// sender's shape (readBody) and its mapping onto a submission (FieldMapping), and a mapping
// text as `handoff intake add --map` would store it. The first byte chooses the sender and the
// content type; the rest is the body. Besides what the sanitizers catch, it checks that a
// refusal is a 4xx with a message, and that an accepted submission holds an e-mail address,
// says what was asked for and keeps every field within the limits.

#include <cstdint>

#include "fuzzsupport.h"
#include "intake/fieldmapping.h"
#include "intake/intakerejection.h"
#include "intake/requestbody.h"

using namespace handoff;

using fuzzsupport::check;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzzsupport::start(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const auto kind = IntakeKind(data[0] % 3);
    const QByteArray type = (data[0] & 0x80)
                                ? QByteArrayLiteral("application/x-www-form-urlencoded")
                                : QByteArrayLiteral("application/json");
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const IntakeLimits limits;

    // The body as a mapping: checked, and if accepted, usable.
    const QString mappingText = QString::fromUtf8(body);
    const bool mappingAccepted = FieldMapping::check(mappingText).isEmpty();
    const FieldMapping mapping(
        kind, mappingAccepted
                  ? mappingText
                  : QStringLiteral(R"({"Work email": "email", "Interest": "request"})"));

    try {
        const BodyFields fields = readBody(kind, type, body, limits);
        check(fields.fields.size() <= limits.maxFields, "no more fields than the limit");
        const IntakeSubmission s = mapping.submission(fields, {});
        check(s.lead.email.contains(QLatin1Char('@')), "an accepted submission has an e-mail");
        check(!s.requestCode.isEmpty(), "an accepted submission says what was asked for");
        for (const QString &value : {s.lead.email, s.lead.firstName, s.lead.lastName,
                                     s.lead.company, s.lead.title, s.page, s.lead.channel})
            check(value.size() <= limits.maxValueLength, "a field within the limit",
                  value.left(80));
        mapping.submittedAt(fields);
        mapping.eventId(fields);
    } catch (const IntakeRejection &r) {
        check(r.status() >= 400 && r.status() < 500, "a refusal is a 4xx",
              QString::number(r.status()));
        check(!r.message().isEmpty(), "a refusal says why");
    }
    return 0;
}
