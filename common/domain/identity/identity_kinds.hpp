#pragma once
// The internal service `identity`: the identity layer's writes, published by
// the API (api/identity) and served by workers/identity.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::identity {

inline constexpr std::string_view kService = "identity";

inline constexpr domain::TaskKind kRegister{kService, "register"};
inline constexpr domain::TaskKind kRecordLogin{kService, "record_login"};
inline constexpr domain::TaskKind kSetActive{kService, "set_active"};
inline constexpr domain::TaskKind kSetPassword{kService, "set_password"};
inline constexpr domain::TaskKind kCreateRole{kService, "create_role"};
inline constexpr domain::TaskKind kUpdateRole{kService, "update_role"};
inline constexpr domain::TaskKind kDeleteRole{kService, "delete_role"};
inline constexpr domain::TaskKind kCreatePermission{kService, "create_permission"};
inline constexpr domain::TaskKind kAssignRole{kService, "assign_role"};
inline constexpr domain::TaskKind kRemoveRole{kService, "remove_role"};
inline constexpr domain::TaskKind kCreateToken{kService, "create_token"};
inline constexpr domain::TaskKind kRevokeToken{kService, "revoke_token"};
inline constexpr domain::TaskKind kCreateApiKey{kService, "create_api_key"};
inline constexpr domain::TaskKind kRevokeApiKey{kService, "revoke_api_key"};

// Every kind of the service, each once: its worker registers a handler for each.
inline constexpr std::array kAll{kRegister,     kRecordLogin, kSetActive,   kSetPassword,
                                 kCreateRole,   kUpdateRole,  kDeleteRole,  kCreatePermission,
                                 kAssignRole,   kRemoveRole,  kCreateToken, kRevokeToken,
                                 kCreateApiKey, kRevokeApiKey};

}  // namespace switchyard::kinds::identity
