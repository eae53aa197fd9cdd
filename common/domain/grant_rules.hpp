#pragma once
// Who may hand out what: the escalation rules of docs/security.md, checked by the
// API before an identity write is published and again by the worker that makes
// it, against the database of that moment. A caller grants only what it holds:
//   - role `admin` (every permission, present and future) and admin API keys are
//     granted by admins only, and only admins take admin away (demote, deactivate
//     an admin, revoke an admin key);
//   - any other role, a permission added to a role, and an API key's permissions
//     must be among the caller's own.
// Plain functions of plain values: no I/O, the same answer in both processes.
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "config/clients_config.hpp"

namespace switchyard::domain {

// What a caller holds, so what it may hand out.
struct Grantor {
  bool admin = false;  // role admin or an admin key: everything
  std::set<std::string> permissions;
};

// The permissions an API key of `role` holds; an admin key holds every one and
// gets an empty set here (check `admin` first).
std::set<std::string> key_role_permissions(config::KeyRole role);

// Each answers why the grant is refused (the message of a 403), or nullopt.

// Assigning role `role_name`, which holds `role_permissions`, to a user (the
// caller included).
std::optional<std::string> refuse_role_grant(const Grantor& grantor, std::string_view role_name,
                                             const std::set<std::string>& role_permissions);
// Adding `added` to a role (on create, or the permissions an update adds).
std::optional<std::string> refuse_permission_grant(const Grantor& grantor,
                                                   const std::set<std::string>& added);
// Minting an API key of `role`.
std::optional<std::string> refuse_key_grant(const Grantor& grantor, config::KeyRole role);
// Taking admin rights away from someone: `what` says how ("remove role admin").
std::optional<std::string> refuse_admin_change(const Grantor& grantor, std::string_view what);

}  // namespace switchyard::domain
