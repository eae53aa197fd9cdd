#include "tasks/submission_policy.hpp"

#include <fmt/format.h>

#include "errors/app_error.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api {
namespace {

std::string field_error(std::string_view field, std::string_view message) {
  return fmt::format(R"([{{"field":{},"message":{}}}])", json::quoted(field),
                     json::quoted(message));
}

AppError over_configured(std::string_view field, int configured) {
  const std::string message =
      fmt::format("must be at most {} (the action's configured value)", configured);
  return AppError(ErrorCode::kUnprocessable,
                  fmt::format("Validation failed: {} {}", field, message),
                  field_error(field, message));
}

}  // namespace

void check_submission_policy(const Principal* caller, const config::ServiceConfig& service,
                             const config::ActionConfig& action, int timeout_ms, int max_attempts,
                             bool production) {
  if (caller != nullptr && caller->admin) return;
  if (production && service.name == "system") {
    throw AppError(ErrorCode::kForbidden, "The system service is for admins when ENV=production",
                   field_error("service", "is for admins when ENV=production"));
  }
  if (timeout_ms > action.timeout_ms) throw over_configured("timeout_ms", action.timeout_ms);
  if (max_attempts > action.retry.max_attempts) {
    throw over_configured("max_attempts", action.retry.max_attempts);
  }
}

}  // namespace switchyard::api
