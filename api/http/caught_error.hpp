#pragma once
// The one mapping of an exception that escapes a handler to the error its caller
// is answered, whatever the door (a REST route, a gRPC method, a job on
// BlockingWork): an AppError as it is; a database that is busy or down 503
// (UNAVAILABLE); anything else 500 (INTERNAL), its what() kept for the log only.
#include <string_view>

#include "errors/app_error.hpp"

namespace switchyard::api {

// Call inside a catch block: maps the exception being handled. `where` prefixes
// the internal (logged) message.
AppError caught_error(std::string_view where = {});

}  // namespace switchyard::api
