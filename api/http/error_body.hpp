#pragma once
// The one mapping from an AppError to an HTTP status and the platform's documented
// error body (the xcore format):
//   {"error":{"code","message","details","timestamp","request_id"}}
#include <pistache/http_defs.h>

#include <string>
#include <string_view>

#include "errors/app_error.hpp"

namespace switchyard::api {

Pistache::Http::Code http_status(ErrorCode code);

std::string error_body(ErrorCode code, std::string_view message, std::string_view details_json,
                       std::string_view request_id);

}  // namespace switchyard::api
