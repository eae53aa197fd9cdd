#include "releases/collection.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "domain/releases/releases_kinds.hpp"
#include "envelope/timestamp.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "releases/release_access.hpp"

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

}  // namespace

void Collection::put(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  const std::string ns = path_string(context, "namespace");
  const std::string kind = path_string(context, "kind");
  const std::string workload = path_string(context, "workload");
  const std::string container = path_string(context, "container");
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

  std::string payload = json::string_object({{"client_name", client},
                                             {"env_name", env},
                                             {"namespace", ns},
                                             {"workload_kind", kind},
                                             {"workload_name", workload},
                                             {"container_name", container},
                                             {"image_repo", repo},
                                             {"image_name", image},
                                             {"image_tag", tag},
                                             {"image_sha", sha},
                                             {"released_at", released_at}});
  // The documented answer: the component and the release as recorded.
  const std::string component = json::string_object({{"namespace", ns},
                                                     {"workload_kind", kind},
                                                     {"workload_name", workload},
                                                     {"container_name", container}});
  const std::string release = json::string_object({{"version", tag},
                                                   {"image_repo", repo},
                                                   {"image_name", image},
                                                   {"image_tag", tag},
                                                   {"image_sha", sha},
                                                   {"released_at", released_at}});
  auto responder = context.answer_later();
  writer_.write(responder, kinds::releases::kRecord, std::move(payload), context.caller_name(""),
                [component, release](Responder& r, const std::string&) {
                  r.json(Http::Code::Ok,
                         fmt::format(R"({{"status":"success","message":"Release collected )"
                                     R"(successfully","component":{},"release":{},)"
                                     R"("timestamp":{}}})",
                                     component, release, json::quoted(envelope::now_timestamp())));
                });
}

void Collection::collect_cluster(RequestContext& context) {
  if (!settings_.cluster_configured) {
    throw AppError(ErrorCode::kConflict,
                   "No Kubernetes cluster is configured: set KUBE_API_URL (with KUBE_TOKEN or "
                   "KUBE_TOKEN_FILE, and KUBE_CA_FILE) or run inside the cluster");
  }
  // The cluster is this instance's: a client key may collect it only if it is
  // this instance's client.
  require_client(context, settings_.client_name);
  auto responder = context.answer_later();
  writer_.write(responder, kinds::releases::kCollect,
                json::string_object(
                    {{"client_name", settings_.client_name}, {"env_name", settings_.env_name}}),
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
