#pragma once

// The dashboard's "segment": the lead's company-size band, from the company_size field.
// Company size rather than industry because it is a number every CRM export has, its bands
// are the ones sales plans territories by, and industry is already a fit rule of its own.

#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace handoff {

namespace segment {

enum Band : quint8 { Unknown, Micro, Small, Medium, Large, Enterprise, BandCount };

// 1-9 micro, 10-199 small, 200-999 medium, 1,000-4,999 large, 5,000+ enterprise.
Band bandFor(std::optional<int> companySize);
QString label(Band band); // "200-999 employees"
QString code(Band band);  // "medium", for the command line
std::optional<Band> fromCode(const QString &code);

} // namespace segment

} // namespace handoff
