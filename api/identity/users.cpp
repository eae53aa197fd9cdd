#include "identity/users.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "domain/identity/identity_kinds.hpp"
#include "http/request_fields.hpp"
#include "identity/grant_check.hpp"
#include "storage/identity/accounts_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

// The columns a list may be sorted by: a fixed set, so sort_by never reaches SQL
// unchecked.
constexpr std::array<std::string_view, 6> kSortable = {"id",        "email",      "username",
                                                       "full_name", "created_at", "last_login"};

bool holds_admin(const storage::identity::IdentitySnapshot& snapshot, std::int64_t user_id) {
  const auto user = snapshot.users.find(user_id);
  return user != snapshot.users.end() &&
         std::find(user->second.roles.begin(), user->second.roles.end(), "admin") !=
             user->second.roles.end();
}

}  // namespace

void Users::list(RequestContext& context) {
  storage::identity::UserQuery query;
  query.skip = query_int(context, "skip", 0, 0, 1'000'000'000);
  query.limit = query_int(context, "limit", 20, 1, 100);
  query.is_active = query_bool(context, "is_active");
  if (auto search = context.query("search"); search && !search->empty()) {
    if (search->size() > 200) {
      throw AppError(ErrorCode::kUnprocessable, "Validation failed",
                     field_error("search", "must be at most 200 characters"));
    }
    query.search = *search;
  }
  if (auto sort_by = context.query("sort_by")) {
    if (std::find(kSortable.begin(), kSortable.end(), *sort_by) == kSortable.end()) {
      throw AppError(
          ErrorCode::kUnprocessable, "Validation failed",
          field_error("sort_by", fmt::format("must be one of {}", fmt::join(kSortable, ", "))));
    }
    query.sort_by = *sort_by;
  }
  if (auto order = context.query("sort_order")) {
    if (*order != "asc" && *order != "desc") {
      throw AppError(ErrorCode::kUnprocessable, "Validation failed",
                     field_error("sort_order", "must be asc or desc"));
    }
    query.descending = *order == "desc";
  }
  const std::string users = pool_.read(
      [&](pqxx::read_transaction& tx) { return storage::identity::list_users(tx, query); });
  context.responder.json(Http::Code::Ok, users);
}

void Users::assign_role(RequestContext& context) {
  const std::int64_t role_id = path_id(context, "role_id");
  const auto snapshot = cache_.snapshot();
  // A role this process does not know yet is left to the worker's check.
  if (const auto role = snapshot->role_names.find(role_id); role != snapshot->role_names.end()) {
    const auto permissions = snapshot->role_permissions.find(role->second);
    require_grant(domain::refuse_role_grant(grantor_of(*context.principal), role->second,
                                            permissions == snapshot->role_permissions.end()
                                                ? std::set<std::string>{}
                                                : permissions->second));
  }
  const auto payload =
      fmt::format(R"({{"user_id":{},"role_id":{},{}}})", path_id(context, "user_id"), role_id,
                  caller_admin_field(*context.principal));
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kAssignRole, payload, context.principal->name,
                [](Responder& r, const std::string& result) { r.json(Http::Code::Ok, result); });
}

void Users::remove_role(RequestContext& context) {
  const std::int64_t user_id = path_id(context, "user_id");
  const std::int64_t role_id = path_id(context, "role_id");
  const auto snapshot = cache_.snapshot();
  if (const auto role = snapshot->role_names.find(role_id); role != snapshot->role_names.end() &&
                                                            role->second == "admin" &&
                                                            holds_admin(*snapshot, user_id)) {
    require_grant(
        domain::refuse_admin_change(grantor_of(*context.principal), "remove the role admin"));
  }
  const auto payload = fmt::format(R"({{"user_id":{},"role_id":{},{}}})", user_id, role_id,
                                   caller_admin_field(*context.principal));
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kRemoveRole, payload, context.principal->name,
                [](Responder& r, const std::string&) {
                  r.send(Http::Code::No_Content, "", "application/json");
                });
}

void Users::activate(RequestContext& context) { set_active(context, true); }
void Users::deactivate(RequestContext& context) { set_active(context, false); }

void Users::set_active(RequestContext& context, bool active) {
  const std::int64_t user_id = path_id(context, "user_id");
  if (!active && context.principal->user_id == user_id) {
    throw AppError(ErrorCode::kConflict, "You cannot deactivate your own account");
  }
  if (holds_admin(*cache_.snapshot(), user_id)) {
    require_grant(domain::refuse_admin_change(
        grantor_of(*context.principal), active ? "activate an admin" : "deactivate an admin"));
  }
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kSetActive,
                fmt::format(R"({{"user_id":{},"active":{},{}}})", user_id, active,
                            caller_admin_field(*context.principal)),
                context.principal->name,
                [](Responder& r, const std::string& result) { r.json(Http::Code::Ok, result); });
}

}  // namespace switchyard::api
