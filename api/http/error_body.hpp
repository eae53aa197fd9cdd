#pragma once
// The one mapping from an AppError to an HTTP status and the platform's documented
// error body (the xcore format):
//   {"error":{"code","message","details","timestamp","request_id"}}
#include <pistache/http_defs.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "errors/app_error.hpp"

namespace switchyard::api {

Pistache::Http::Code http_status(ErrorCode code);

std::string error_body(ErrorCode code, std::string_view message, std::string_view details_json,
                       std::string_view request_id, std::int64_t retry_after = 0);

// The IMAS surface's format (imas-incidents-api.md): {"error": message} plus
// "details" as {"field": ["message", ...]} and "retry_after" for a 429.
std::string imas_error_body(std::string_view message, std::string_view details_json,
                            std::int64_t retry_after = 0);

// The google.rpc.Code of each error, as grpc-gateway maps HTTP statuses back:
// the `code` of grpc_error_body and the status of the tracker's gRPC door.
int grpc_code(ErrorCode code);

// The original Tracker's format (grpc-gateway): {"code": <gRPC code>,
// "message": message, "details": [...]}.
std::string grpc_error_body(ErrorCode code, std::string_view message,
                            std::string_view details_json);

// Which documented error format a route answers in.
enum class ErrorStyle { kXcore, kImas, kGrpcGateway };

}  // namespace switchyard::api
