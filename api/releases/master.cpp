#include "releases/master.hpp"

#include <rapidjson/document.h>

#include "domain/releases/releases_kinds.hpp"
#include "envelope/timestamp.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "releases/release_access.hpp"
#include "storage/releases/pings_repository.hpp"

namespace switchyard::api::releases {
namespace {

namespace Http = Pistache::Http;

// The caller's client when it is limited to one, else "" (every client).
std::string visible_client(const RequestContext& context) {
  const Principal* principal = context.principal;
  return principal != nullptr && !principal->admin ? principal->client : std::string();
}

}  // namespace

void Master::clients_environments(RequestContext& context) {
  require_master(settings_.mode);
  std::string body = pool_.read([&](pqxx::read_transaction& tx) {
    return storage::releases::clients_environments_json(tx, settings_.ping_online_within,
                                                        visible_client(context));
  });
  body.pop_back();  // add the answer's timestamp to the object
  body += R"(, "timestamp": ")" + envelope::now_timestamp() + "\"}";
  context.responder.json(Http::Code::Ok, body);
}

void Master::ping(RequestContext& context) {
  require_master(settings_.mode);
  const auto fields = string_fields(context);
  auto field = [&](const char* name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  const std::string client = field("client_name");
  const std::string env = field("env_name");
  if (client.empty() || env.empty() || client.size() > 200 || env.size() > 200) {
    throw AppError(ErrorCode::kValidation, "client_name and env_name are required",
                   field_error(client.empty() ? "client_name" : "env_name", "is required"));
  }
  require_client(context, client);
  // The master's clock decides online/offline: a slave's timestamp is informative.
  auto responder = context.answer_later();
  writer_.write(responder, kinds::releases::kPing,
                json::string_object({{"client_name", client},
                                     {"env_name", env},
                                     {"slave_version", field("slave_version")},
                                     {"at", envelope::now_timestamp()}}),
                context.caller_name(""), [](Responder& r, const std::string&) {
                  r.json(Http::Code::Ok,
                         R"({"status":"ok","timestamp":")" + envelope::now_timestamp() + "\"}");
                });
}

void Master::app_config(RequestContext& context) {
  const Principal* principal = context.principal;
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "mode", config::to_string(settings_.mode));
  json::string_field(w, "env_name", settings_.env_name);
  json::string_field(w, "client_name", settings_.client_name);
  w.Key("api_key_type");
  w.StartObject();
  w.Key("is_admin");
  w.Bool(principal != nullptr && principal->admin);
  json::string_field(w, "authenticated_client", principal != nullptr ? principal->client : "");
  w.EndObject();
  w.EndObject();
  context.responder.json(Http::Code::Ok, {buffer.GetString(), buffer.GetSize()});
}

}  // namespace switchyard::api::releases
