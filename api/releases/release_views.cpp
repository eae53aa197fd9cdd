#include "releases/release_views.hpp"

#include <rapidjson/stringbuffer.h>

#include <string_view>
#include <vector>

#include "envelope/timestamp.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "releases/release_access.hpp"
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
  const auto rows = pool_.read(
      [&](pqxx::read_transaction& tx) { return repo::current_releases(tx, client, env); });
  // Rows come sorted by namespace: each namespace is one run of them.
  std::vector<std::string_view> namespaces;
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("namespaces");
  w.StartObject();
  for (const auto& row : rows) {
    if (namespaces.empty() || namespaces.back() != row.namespace_name) {
      if (!namespaces.empty()) w.EndArray();
      namespaces.push_back(row.namespace_name);
      w.Key(row.namespace_name.c_str(),
            static_cast<rapidjson::SizeType>(row.namespace_name.size()));
      w.StartArray();
    }
    w.RawValue(row.json.c_str(), row.json.size(), rapidjson::kObjectType);
  }
  if (!namespaces.empty()) w.EndArray();
  w.EndObject();
  w.Key("ordered_namespaces");
  w.StartArray();
  for (const auto ns : namespaces) {
    w.String(ns.data(), static_cast<rapidjson::SizeType>(ns.size()));
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
  const auto entries =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::release_history(tx, component); });
  if (!entries) throw AppError(ErrorCode::kNotFound, "Component not found");
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::raw_field(w, "component",
                  json::string_object({{"client_name", component.client_name},
                                       {"env_name", component.env_name},
                                       {"namespace", component.namespace_name},
                                       {"workload_name", component.workload_name},
                                       {"container_name", component.container_name}}));
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
