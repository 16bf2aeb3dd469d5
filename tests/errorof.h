#pragma once

// The handoff::Error a call throws, or nullopt when it returns: for tests that check what an
// Error says and where.

#include <optional>

#include "store/error.h"

namespace handoff {

template <typename Call> std::optional<Error> errorOf(Call &&call)
{
    try {
        call();
    } catch (const Error &e) {
        return e;
    }
    return std::nullopt;
}

} // namespace handoff
