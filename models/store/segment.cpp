#include "store/segment.h"

namespace handoff {

namespace segment {

Band bandFor(std::optional<int> companySize)
{
    if (!companySize || *companySize < 1)
        return Unknown;
    const int size = *companySize;
    return size < 10     ? Micro
           : size < 200  ? Small
           : size < 1000 ? Medium
           : size < 5000 ? Large
                         : Enterprise;
}

QString label(Band band)
{
    switch (band) {
    case Micro:
        return QCoreApplication::translate("segment", "1-9 employees");
    case Small:
        return QCoreApplication::translate("segment", "10-199 employees");
    case Medium:
        return QCoreApplication::translate("segment", "200-999 employees");
    case Large:
        return QCoreApplication::translate("segment", "1,000-4,999 employees");
    case Enterprise:
        return QCoreApplication::translate("segment", "5,000+ employees");
    case Unknown:
    case BandCount:
        break;
    }
    return QCoreApplication::translate("segment", "Size unknown");
}

QString code(Band band)
{
    static const char *const codes[] = {"unknown", "micro", "small",
                                        "medium",  "large", "enterprise"};
    return band < BandCount ? QString::fromLatin1(codes[band]) : QString();
}

std::optional<Band> fromCode(const QString &text)
{
    for (int b = 0; b < BandCount; ++b) {
        if (code(Band(b)) == text)
            return Band(b);
    }
    return std::nullopt;
}

} // namespace segment

} // namespace handoff
