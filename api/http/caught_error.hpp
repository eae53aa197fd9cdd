#pragma once
// The one mapping of an exception that escapes a handler to the error its caller
// is answered, whatever the door (a REST route, a gRPC method, a job on
// BlockingWork): an AppError as it is; a database that is busy or down 503
// (UNAVAILABLE); a statement cancelled by statement_timeout
// (DB_STATEMENT_TIMEOUT_MS) or a cancel request (SQLSTATE 57014), or a lock not
// obtained in time (55P03), 503 with Retry-After: kSlowQueryRetryAfter; anything
// else 500 (INTERNAL), its what() kept for the log only.
#include <cstdint>
#include <string_view>

#include "errors/app_error.hpp"

namespace switchyard::api {

// Seconds a client waits before retrying a query that ran out of time.
inline constexpr std::int64_t kSlowQueryRetryAfter = 2;

// Call inside a catch block: maps the exception being handled. `where` prefixes
// the internal (logged) message.
AppError caught_error(std::string_view where = {});

}  // namespace switchyard::api
