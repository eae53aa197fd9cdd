#pragma once
// The API's side of the escalation rules (domain/grant_rules.hpp): refused grants
// answer 403 before anything is published. The worker checks the same rules again
// against the database when it makes the write; `caller_admin` in the payload
// tells it an API key's standing (a user's it reads itself).
#include <optional>
#include <string>

#include "domain/grant_rules.hpp"
#include "errors/app_error.hpp"
#include "identity/principal.hpp"

namespace switchyard::api {

inline domain::Grantor grantor_of(const Principal& principal) {
  return {principal.admin, principal.permissions};
}

// 403 AUTHORIZATION_ERROR with the rule's message when `refusal` is set.
inline void require_grant(const std::optional<std::string>& refusal) {
  if (refusal) throw AppError(ErrorCode::kForbidden, *refusal);
}

// `"caller_admin":true|false`, for an identity task's payload.
inline std::string caller_admin_field(const Principal& principal) {
  return std::string(R"("caller_admin":)") + (principal.admin ? "true" : "false");
}

}  // namespace switchyard::api
