#include "domain/grant_rules.hpp"

#include <fmt/format.h>

#include <vector>

namespace switchyard::domain {
namespace {

// The permissions of `wanted` the grantor lacks, sorted.
std::vector<std::string> missing(const Grantor& grantor, const std::set<std::string>& wanted) {
  std::vector<std::string> lacking;
  if (grantor.admin) return lacking;
  for (const auto& permission : wanted) {
    if (!grantor.permissions.count(permission)) lacking.push_back(permission);
  }
  return lacking;
}

}  // namespace

std::set<std::string> key_role_permissions(config::KeyRole role) {
  switch (role) {
    case config::KeyRole::kAdmin:
      return {};
    case config::KeyRole::kClient:
      // A client key acts for its client: it submits and follows tasks, and reads
      // and reports that client's releases (the handlers check its client).
      return {"tasks:read",    "tasks:write",   "tasks:cancel",
              "services:read", "releases:read", "releases:write"};
    case config::KeyRole::kReader:
      // Shown in badge URLs: it reads releases and nothing else.
      return {"releases:read"};
  }
  return {};
}

std::optional<std::string> refuse_role_grant(const Grantor& grantor, std::string_view role_name,
                                             const std::set<std::string>& role_permissions) {
  if (role_name == "admin") {
    if (grantor.admin) return std::nullopt;
    return std::string("Only an admin may grant the role admin");
  }
  const auto lacking = missing(grantor, role_permissions);
  if (lacking.empty()) return std::nullopt;
  return fmt::format("You cannot grant the role {}: it holds permissions you do not ({})",
                     role_name, fmt::join(lacking, ", "));
}

std::optional<std::string> refuse_permission_grant(const Grantor& grantor,
                                                   const std::set<std::string>& added) {
  const auto lacking = missing(grantor, added);
  if (lacking.empty()) return std::nullopt;
  return fmt::format("You cannot grant permissions you do not hold ({})", fmt::join(lacking, ", "));
}

std::optional<std::string> refuse_key_grant(const Grantor& grantor, config::KeyRole role) {
  if (role == config::KeyRole::kAdmin) {
    if (grantor.admin) return std::nullopt;
    return std::string("Only an admin may create an admin API key");
  }
  const auto lacking = missing(grantor, key_role_permissions(role));
  if (lacking.empty()) return std::nullopt;
  return fmt::format("You cannot create a {} key: it holds permissions you do not ({})",
                     config::to_string(role), fmt::join(lacking, ", "));
}

std::optional<std::string> refuse_admin_change(const Grantor& grantor, std::string_view what) {
  if (grantor.admin) return std::nullopt;
  return fmt::format("Only an admin may {}", what);
}

}  // namespace switchyard::domain
