#include "handlers/releases/release_views.hpp"

#include <rapidjson/document.h>

#include <map>
#include <vector>

#include "envelope/timestamp.hpp"
#include "handlers/releases/release_access.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "storage/releases/releases_repository.hpp"

namespace switchyard::api::releases {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::releases;

std::string required_query(const RequestContext& context, const char* name) {
  const auto value = context.query(name);
  if (!value || value->empty()) {
    throw AppError(ErrorCode::kValidation, std::string(name) + " is required",
                   field_error(name, "is required"));
  }
  return *value;
}

}  // namespace

void ReleaseViews::current(RequestContext& context) {
  std::optional<std::string> client = context.query("client_name");
  std::optional<std::string> env = context.query("env_name");
  // Master-only serves its own cluster: no filter is needed. Elsewhere both are.
  if (settings_.mode != config::Mode::kMasterOnly) {
    client = required_query(context, "client_name");
    env = required_query(context, "env_name");
  }
  if (client) require_client(context, *client);
  // A client key without a filter still sees only its client.
  if (!client && context.principal != nullptr && !context.principal->admin &&
      !context.principal->client.empty()) {
    client = context.principal->client;
  }
  std::vector<std::string> rows;
  {
    auto lease = pool_.acquire();
    pqxx::read_transaction tx(*lease);
    rows = repo::current_releases(tx, client, env);
  }
  std::map<std::string, std::vector<std::string>> by_namespace;
  for (auto& row : rows) {
    rapidjson::Document doc;
    doc.Parse(row.c_str());
    by_namespace[doc["namespace"].GetString()].push_back(std::move(row));
  }
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("namespaces");
  w.StartObject();
  for (const auto& [ns, items] : by_namespace) {
    w.Key(ns.c_str(), static_cast<rapidjson::SizeType>(ns.size()));
    w.StartArray();
    for (const auto& item : items) {
      w.RawValue(item.c_str(), item.size(), rapidjson::kObjectType);
    }
    w.EndArray();
  }
  w.EndObject();
  w.Key("ordered_namespaces");
  w.StartArray();
  for (const auto& [ns, items] : by_namespace) {
    w.String(ns.c_str(), static_cast<rapidjson::SizeType>(ns.size()));
  }
  w.EndArray();
  w.Key("total");
  w.Uint64(rows.size());
  json::string_field(w, "timestamp", envelope::now_timestamp());
  w.EndObject();
  context.responder.json(Http::Code::Ok, {buffer.GetString(), buffer.GetSize()});
}

void ReleaseViews::history(RequestContext& context) {
  auto param = [&](const char* name) { return path_string(context, name); };
  const repo::Component component{param("client"),   param("env"),      param("namespace"), "",
                                  param("workload"), param("container")};
  require_client(context, component.client_name);
  std::optional<std::vector<std::string>> entries;
  {
    auto lease = pool_.acquire();
    pqxx::read_transaction tx(*lease);
    entries = repo::release_history(tx, component);
  }
  if (!entries) throw AppError(ErrorCode::kNotFound, "Component not found");
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("component");
  w.StartObject();
  json::string_field(w, "client_name", component.client_name);
  json::string_field(w, "env_name", component.env_name);
  json::string_field(w, "namespace", component.namespace_name);
  json::string_field(w, "workload_name", component.workload_name);
  json::string_field(w, "container_name", component.container_name);
  w.EndObject();
  w.Key("releases");
  w.StartArray();
  for (const auto& entry : *entries) {
    w.RawValue(entry.c_str(), entry.size(), rapidjson::kObjectType);
  }
  w.EndArray();
  w.Key("total");
  w.Uint64(entries->size());
  json::string_field(w, "timestamp", envelope::now_timestamp());
  w.EndObject();
  context.responder.json(Http::Code::Ok, {buffer.GetString(), buffer.GetSize()});
}

}  // namespace switchyard::api::releases
