#include "identity/roles.hpp"

#include <regex>

#include "domain/identity/identity_kinds.hpp"
#include "http/request_fields.hpp"
#include "identity/grant_check.hpp"
#include "json/json_fields.hpp"
#include "storage/identity/roles_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::identity;

constexpr int kMaxPage = 100;

AppError invalid(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kUnprocessable, "Validation failed", field_error(field, message));
}

// Copies `name`, `description` (strings, bounded) and `permissions` (strings) from
// the body into the task payload; `name_required` for create.
void copy_role_fields(const rapidjson::Document& body, json::Writer& w, bool name_required) {
  static const std::regex kName(R"(^[A-Za-z0-9_.-]{1,64}$)");
  auto name = body.FindMember("name");
  if (name != body.MemberEnd()) {
    if (!name->value.IsString() || !std::regex_match(name->value.GetString(), kName)) {
      throw invalid("name", "must be 1 to 64 letters, digits, '_', '.' or '-'");
    }
    json::string_field(w, "name", name->value.GetString());
  } else if (name_required) {
    throw invalid("name", "is required");
  }
  if (auto d = body.FindMember("description"); d != body.MemberEnd()) {
    if (!d->value.IsString() || d->value.GetStringLength() > 500) {
      throw invalid("description", "must be a string of at most 500 characters");
    }
    json::string_field(w, "description", d->value.GetString());
  }
  if (auto p = body.FindMember("permissions"); p != body.MemberEnd()) {
    if (!p->value.IsArray()) throw invalid("permissions", "must be an array of permission names");
    w.Key("permissions");
    w.StartArray();
    for (const auto& item : p->value.GetArray()) {
      if (!item.IsString()) throw invalid("permissions", "must be an array of permission names");
      w.String(item.GetString(), item.GetStringLength());
    }
    w.EndArray();
  }
}

std::string text(const rapidjson::StringBuffer& buffer) {
  return {buffer.GetString(), buffer.GetSize()};
}

// The permissions the body's `permissions` would add to a role that holds `held`;
// empty when the body names none (copy_role_fields has checked their type).
std::set<std::string> added_permissions(const rapidjson::Document& body,
                                        const std::set<std::string>& held) {
  std::set<std::string> added;
  if (auto p = body.FindMember("permissions"); p != body.MemberEnd()) {
    for (const auto& item : p->value.GetArray()) {
      std::string name(item.GetString(), item.GetStringLength());
      if (!held.count(name)) added.insert(std::move(name));
    }
  }
  return added;
}

}  // namespace

void Roles::list(RequestContext& context) {
  const int skip = query_int(context, "skip", 0, 0, 1'000'000'000);
  const int limit = query_int(context, "limit", 20, 1, kMaxPage);
  const std::string roles =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::list_roles(tx, skip, limit); });
  context.responder.json(Http::Code::Ok, roles);
}

void Roles::get(RequestContext& context) {
  const std::int64_t id = path_id(context, "role_id");
  const auto role = pool_.read([&](pqxx::read_transaction& tx) { return repo::find_role(tx, id); });
  if (!role) throw AppError(ErrorCode::kNotFound, "No such role");
  context.responder.json(Http::Code::Ok, *role);
}

void Roles::create(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  copy_role_fields(body, w, true);
  w.Key("caller_admin");
  w.Bool(context.principal->admin);
  w.EndObject();
  require_grant(
      domain::refuse_permission_grant(grantor_of(*context.principal), added_permissions(body, {})));
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kCreateRole, text(buffer), context.principal->name,
                [](Responder& r, const std::string& role) { r.json(Http::Code::Created, role); });
}

void Roles::update(RequestContext& context) {
  const std::int64_t id = path_id(context, "role_id");
  const rapidjson::Document body = json_object_body(context);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("role_id");
  w.Int64(id);
  copy_role_fields(body, w, false);
  w.Key("caller_admin");
  w.Bool(context.principal->admin);
  w.EndObject();
  {
    // What the role holds by this process's snapshot; the worker checks against
    // the database again.
    const auto snapshot = cache_.snapshot();
    std::set<std::string> held;
    if (const auto name = snapshot->role_names.find(id); name != snapshot->role_names.end()) {
      if (const auto p = snapshot->role_permissions.find(name->second);
          p != snapshot->role_permissions.end()) {
        held = p->second;
      }
    }
    require_grant(domain::refuse_permission_grant(grantor_of(*context.principal),
                                                  added_permissions(body, held)));
  }
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kUpdateRole, text(buffer), context.principal->name,
                [](Responder& r, const std::string& role) { r.json(Http::Code::Ok, role); });
}

void Roles::remove(RequestContext& context) {
  const std::int64_t id = path_id(context, "role_id");
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kDeleteRole, "{\"role_id\":" + std::to_string(id) + "}",
                context.principal->name, [](Responder& r, const std::string&) {
                  r.send(Http::Code::No_Content, "", "application/json");
                });
}

void Roles::list_permissions(RequestContext& context) {
  const int skip = query_int(context, "skip", 0, 0, 1'000'000'000);
  const int limit = query_int(context, "limit", 100, 1, kMaxPage);
  const std::string permissions = pool_.read(
      [&](pqxx::read_transaction& tx) { return repo::list_permissions(tx, skip, limit); });
  context.responder.json(Http::Code::Ok, permissions);
}

void Roles::create_permission(RequestContext& context) {
  static const std::regex kWord(R"(^[a-z][a-z0-9_]{0,63}$)");
  const rapidjson::Document body = json_object_body(context);
  auto string_of = [&](const char* field) -> std::string {
    auto it = body.FindMember(field);
    if (it == body.MemberEnd()) return "";
    if (!it->value.IsString()) throw invalid(field, "must be a string");
    return it->value.GetString();
  };
  std::string resource = string_of("resource");
  std::string action = string_of("action");
  const std::string name = string_of("name");
  if (!name.empty() && resource.empty() && action.empty() && name.find(':') != std::string::npos) {
    resource = name.substr(0, name.find(':'));
    action = name.substr(name.find(':') + 1);
  }
  if (!std::regex_match(resource, kWord)) throw invalid("resource", "must match [a-z][a-z0-9_]*");
  if (!std::regex_match(action, kWord)) throw invalid("action", "must match [a-z][a-z0-9_]*");
  if (!name.empty() && name != resource + ":" + action) {
    throw invalid("name", "must be resource:action");
  }
  const std::string description = string_of("description");
  if (description.size() > 500) throw invalid("description", "must be at most 500 characters");
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "resource", resource);
  json::string_field(w, "action", action);
  json::string_field(w, "description", description);
  w.EndObject();
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kCreatePermission, text(buffer),
                context.principal->name,
                [](Responder& r, const std::string& p) { r.json(Http::Code::Created, p); });
}

}  // namespace switchyard::api
