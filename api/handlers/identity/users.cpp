#include "handlers/identity/users.hpp"

#include <fmt/format.h>

#include <array>

#include "http/request_fields.hpp"
#include "storage/identity/accounts_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

// The columns a list may be sorted by: a fixed set, so sort_by never reaches SQL
// unchecked.
constexpr std::array<std::string_view, 6> kSortable = {"id",        "email",      "username",
                                                       "full_name", "created_at", "last_login"};

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
  auto lease = pool_.acquire();
  pqxx::read_transaction tx(*lease);
  context.responder.json(Http::Code::Ok, storage::identity::list_users(tx, query));
}

void Users::assign_role(RequestContext& context) {
  const auto payload = fmt::format(R"({{"user_id":{},"role_id":{}}})", path_id(context, "user_id"),
                                   path_id(context, "role_id"));
  auto responder = std::make_shared<Responder>(std::move(context.responder));
  writer_.write(responder, "assign_role", payload, context.principal->name,
                [](Responder& r, const std::string& result) { r.json(Http::Code::Ok, result); });
}

void Users::remove_role(RequestContext& context) {
  const auto payload = fmt::format(R"({{"user_id":{},"role_id":{}}})", path_id(context, "user_id"),
                                   path_id(context, "role_id"));
  auto responder = std::make_shared<Responder>(std::move(context.responder));
  writer_.write(responder, "remove_role", payload, context.principal->name,
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
  auto responder = std::make_shared<Responder>(std::move(context.responder));
  writer_.write(responder, "set_active",
                fmt::format(R"({{"user_id":{},"active":{}}})", user_id, active),
                context.principal->name,
                [](Responder& r, const std::string& result) { r.json(Http::Code::Ok, result); });
}

}  // namespace switchyard::api
