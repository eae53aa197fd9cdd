#include "plugins/plugin_manager.hpp"

#include "domain/plugins/plugin_manifest.hpp"
#include "domain/plugins/plugin_source_text.hpp"
#include "domain/plugins/plugins_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/plugins/plugins_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::plugins;

AppError invalid(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kUnprocessable, "Validation failed", field_error(field, message));
}

std::string text_field(const rapidjson::Document& body, const char* field, bool required) {
  const auto it = body.FindMember(field);
  if (it == body.MemberEnd() || it->value.IsNull()) {
    if (required) throw invalid(field, "is required");
    return {};
  }
  if (!it->value.IsString()) throw invalid(field, "must be a string");
  return {it->value.GetString(), it->value.GetStringLength()};
}

// The worker's refusals name their field as "<field>: <why>": a source it could
// not read is the caller's malformed request (400), other fields 422.
AppError with_field(const AppError& error) {
  if (error.code() != ErrorCode::kUnprocessable) return error;
  const std::string& message = error.public_message();
  const auto colon = message.find(": ");
  if (colon == std::string::npos) return error;
  const std::string field = message.substr(0, colon);
  if (field != "source" && field != "name" && field != "version") return error;
  const ErrorCode code = field == "source" ? ErrorCode::kValidation : ErrorCode::kUnprocessable;
  return AppError(code, "Validation failed: " + message,
                  field_error(field, message.substr(colon + 2)));
}

}  // namespace

void PluginManager::list(RequestContext& context) {
  const bool active_only = query_bool(context, "active_only").value_or(false);
  context.responder.json(Http::Code::Ok, pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_plugins(tx, active_only);
  }));
}

void PluginManager::get(RequestContext& context) {
  const std::string id = path_string(context, "plugin_id");
  const auto item =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::find_plugin(tx, id); });
  if (!item) throw AppError(ErrorCode::kNotFound, "No such plugin");
  context.responder.json(Http::Code::Ok, *item);
}

void PluginManager::install(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  const std::string name = text_field(body, "name", true);
  const std::string source = text_field(body, "source", true);
  const std::string version = text_field(body, "version", false);
  if (!domain::plugins::is_plugin_id(name)) {
    throw invalid("name", "must match [a-z0-9][a-z0-9_-]{0,63}: no slash, no dot");
  }
  if (auto problem = domain::plugins::source_text_problem(source)) {
    throw AppError(ErrorCode::kValidation, "Validation failed: source " + *problem,
                   field_error("source", *problem));
  }
  if (version.size() > 200) throw invalid("version", "is longer than 200 characters");
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "name", name);
  json::string_field(w, "source", source);
  if (!version.empty()) json::string_field(w, "version", version);
  w.EndObject();
  std::string payload(buffer.GetString(), buffer.GetSize());
  auto responder = context.answer_later();
  writer_.submit(
      kinds::plugins::kInstall, std::move(payload), context.principal->name,
      {[responder](const std::string& result) { responder->json(Http::Code::Created, result); },
       [responder](const std::string& task_id) { answer_queued(*responder, task_id); },
       [responder](const AppError& error) { responder->error(with_field(error)); }});
}

std::string PluginManager::existing_plugin(RequestContext& context) {
  const std::string id = path_string(context, "plugin_id");
  const bool found =
      domain::plugins::is_plugin_id(id) &&
      pool_.read([&](pqxx::read_transaction& tx) { return repo::load_plugin(tx, id).has_value(); });
  if (!found) throw AppError(ErrorCode::kNotFound, "No such plugin");
  return id;
}

void PluginManager::write_by_id(RequestContext& context, domain::TaskKind kind, Http::Code code) {
  const std::string id = existing_plugin(context);
  auto responder = context.answer_later();
  writer_.submit(kind, json::string_object({{"id", id}}), context.principal->name,
                 {[responder, code](const std::string& result) {
                    if (code == Http::Code::No_Content) {
                      responder->send(code, "", "application/json");
                    } else {
                      responder->json(code, result);
                    }
                  },
                  [responder](const std::string& task_id) { answer_queued(*responder, task_id); },
                  [responder](const AppError& error) { responder->error(with_field(error)); }});
}

void PluginManager::reload(RequestContext& context) {
  write_by_id(context, kinds::plugins::kReload, Http::Code::Ok);
}

void PluginManager::enable(RequestContext& context) {
  write_by_id(context, kinds::plugins::kEnable, Http::Code::Ok);
}

void PluginManager::disable(RequestContext& context) {
  write_by_id(context, kinds::plugins::kDisable, Http::Code::Ok);
}

void PluginManager::uninstall(RequestContext& context) {
  write_by_id(context, kinds::plugins::kUninstall, Http::Code::No_Content);
}

}  // namespace switchyard::api
