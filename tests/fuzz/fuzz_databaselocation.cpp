// libFuzzer target for the database location people type into `--db` or File > Open
// (DatabaseLocation::parse): a SQLite path or a postgresql:// address. Besides what the
// sanitizers catch, it checks that an address it accepts is shown (displayText) as an address
// it accepts again with the same parts and no password, and that a refusal says something.

#include <cstdint>

#include "fuzzsupport.h"
#include "store/databaselocation.h"
#include "store/error.h"

using namespace handoff;

using fuzzsupport::check;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzzsupport::start(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    std::optional<DatabaseLocation> location;
    try {
        location = DatabaseLocation::parse(text);
    } catch (const Error &e) {
        check(!e.message().isEmpty(), "a refused location comes with a message");
        return 0;
    }
    if (!location->isServer()) {
        check(location->filePath() == text, "a file location is the path as given");
        return 0;
    }
    const QString shown = location->displayText();
    std::optional<DatabaseLocation> again;
    try {
        again = DatabaseLocation::parse(shown);
    } catch (const Error &e) {
        check(false, "a shown address reads back", shown + QLatin1Char(' ') + e.message());
    }
    check(again.has_value() && again->isServer(), "a shown address is a server's", shown);
    check(!again->password(), "a shown address has no password", shown);
    check(again->host() == location->host() && again->port() == location->port() &&
              again->databaseName() == location->databaseName() &&
              again->userName() == location->userName() && again->options() == location->options(),
          "a shown address names the same server, database, user and settings", shown);
    return 0;
}
