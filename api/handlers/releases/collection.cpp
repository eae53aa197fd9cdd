#include "handlers/releases/collection.hpp"

#include <rapidjson/document.h>

#include "envelope/timestamp.hpp"
#include "handlers/releases/release_access.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api::releases {
namespace {

namespace Http = Pistache::Http;

std::string string_field(const rapidjson::Document& body, const char* name, bool required,
                         const std::string& fallback = {}) {
  const auto it = body.FindMember(name);
  if (it == body.MemberEnd() || it->value.IsNull()) {
    if (required) {
      throw AppError(ErrorCode::kValidation, std::string(name) + " is required",
                     field_error(name, "is required"));
    }
    return fallback;
  }
  if (!it->value.IsString() || it->value.GetStringLength() > 500 ||
      (required && it->value.GetStringLength() == 0)) {
    throw AppError(ErrorCode::kValidation, std::string(name) + " must be a non-empty string",
                   field_error(name, "must be a string of at most 500 characters"));
  }
  return it->value.GetString();
}

std::string path_param(const RequestContext& context, const char* name) {
  return context.request.param(std::string(":") + name).as<std::string>();
}

}  // namespace

void Collection::put(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  const std::string ns = path_param(context, "namespace");
  const std::string kind = path_param(context, "kind");
  const std::string workload = path_param(context, "workload");
  const std::string container = path_param(context, "container");
  const std::string tag = string_field(body, "image_tag", true);
  const std::string sha = string_field(body, "image_sha", true);
  const std::string repo = string_field(body, "image_repo", false);
  const std::string image = string_field(body, "image_name", false);
  // A client key reports for its own client by default.
  const std::string default_client =
      context.principal != nullptr && !context.principal->client.empty() ? context.principal->client
                                                                         : settings_.client_name;
  const std::string client = string_field(body, "client_name", false, default_client);
  const std::string env = string_field(body, "env_name", false, settings_.env_name);
  std::string released_at = string_field(body, "released_at", false);
  if (released_at.empty()) {
    released_at = envelope::now_timestamp();
  } else if (!is_iso8601(released_at)) {
    throw AppError(ErrorCode::kValidation, "released_at must be an ISO 8601 timestamp",
                   field_error("released_at", "must be an ISO 8601 timestamp"));
  }
  require_client(context, client);

  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "client_name", client);
  json::string_field(w, "env_name", env);
  json::string_field(w, "namespace", ns);
  json::string_field(w, "workload_kind", kind);
  json::string_field(w, "workload_name", workload);
  json::string_field(w, "container_name", container);
  json::string_field(w, "image_repo", repo);
  json::string_field(w, "image_name", image);
  json::string_field(w, "image_tag", tag);
  json::string_field(w, "image_sha", sha);
  json::string_field(w, "released_at", released_at);
  w.EndObject();

  auto responder = std::make_shared<Responder>(std::move(context.responder));
  writer_.write(responder, "record", {buffer.GetString(), buffer.GetSize()},
                context.caller_name(""), [=](Responder& r, const std::string&) {
                  rapidjson::StringBuffer out;
                  json::Writer a(out);
                  a.StartObject();
                  json::string_field(a, "status", "success");
                  json::string_field(a, "message", "Release collected successfully");
                  a.Key("component");
                  a.StartObject();
                  json::string_field(a, "namespace", ns);
                  json::string_field(a, "workload_kind", kind);
                  json::string_field(a, "workload_name", workload);
                  json::string_field(a, "container_name", container);
                  a.EndObject();
                  a.Key("release");
                  a.StartObject();
                  json::string_field(a, "version", tag);
                  json::string_field(a, "image_repo", repo);
                  json::string_field(a, "image_name", image);
                  json::string_field(a, "image_tag", tag);
                  json::string_field(a, "image_sha", sha);
                  json::string_field(a, "released_at", released_at);
                  a.EndObject();
                  json::string_field(a, "timestamp", envelope::now_timestamp());
                  a.EndObject();
                  r.json(Http::Code::Ok, {out.GetString(), out.GetSize()});
                });
}

void Collection::collect_cluster(RequestContext& context) {
  if (!settings_.kubernetes.configured()) {
    throw AppError(ErrorCode::kConflict,
                   "No Kubernetes cluster is configured: set KUBE_API_URL (with KUBE_TOKEN or "
                   "KUBE_TOKEN_FILE, and KUBE_CA_FILE) or run inside the cluster");
  }
  // The cluster is this instance's: a client key may collect it only if it is
  // this instance's client.
  require_client(context, settings_.client_name);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "client_name", settings_.client_name);
  json::string_field(w, "env_name", settings_.env_name);
  w.EndObject();

  auto responder = std::make_shared<Responder>(std::move(context.responder));
  writer_.write(responder, "collect", {buffer.GetString(), buffer.GetSize()},
                context.caller_name(""), [](Responder& r, const std::string& result_json) {
                  rapidjson::Document result;
                  result.Parse(result_json.c_str());
                  rapidjson::StringBuffer out;
                  json::Writer a(out);
                  a.StartObject();
                  json::string_field(a, "status", "success");
                  json::string_field(a, "message", "Cluster collected successfully");
                  if (result.IsObject()) {
                    for (const auto& member : result.GetObject()) {
                      a.Key(member.name.GetString(), member.name.GetStringLength());
                      member.value.Accept(a);
                    }
                  }
                  json::string_field(a, "timestamp", envelope::now_timestamp());
                  a.EndObject();
                  r.json(Http::Code::Ok, {out.GetString(), out.GetSize()});
                });
}

}  // namespace switchyard::api::releases
