#include "releases/kubernetes/cluster_client.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "net/http_session.hpp"

namespace switchyard::kubernetes {
namespace {

using Clock = std::chrono::steady_clock;

// Items per page, as kubectl asks.
constexpr int kPageLimit = 500;
// One page of 500 pods is a few MB; far more means something is wrong.
constexpr std::size_t kMaxAnswerBytes = 256u << 20;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The bearer token for this collection; empty when none is configured.
std::string bearer_token(const config::KubernetesAccess& access) {
  std::string token = access.token;
  if (token.empty() && !access.token_file.empty()) {
    std::ifstream in(access.token_file, std::ios::binary);
    if (!in) {
      throw KubernetesError(
          "cannot read the token file " + access.token_file + ": " + std::strerror(errno), 0,
          false);
    }
    std::ostringstream content;
    content << in.rdbuf();
    token = trimmed(content.str());
    if (token.empty()) {
      throw KubernetesError("the token file " + access.token_file + " is empty", 0, false);
    }
  }
  // A header value: a line break would smuggle in another header.
  if (std::any_of(token.begin(), token.end(), [](char c) { return c < 0x21 || c > 0x7E; })) {
    throw KubernetesError("the bearer token holds characters other than visible ASCII", 0, false);
  }
  return token;
}

bool retryable_status(long status) {
  return status == 408 || status == 410 || status == 429 || status >= 500;
}

// The `message` of a Kubernetes Status object, else the start of the body.
std::string status_detail(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (!doc.HasParseError() && doc.IsObject()) {
    const auto message = doc.FindMember("message");
    if (message != doc.MemberEnd() && message->value.IsString()) {
      return message->value.GetString();
    }
  }
  std::string detail = body.substr(0, 200);
  std::replace_if(
      detail.begin(), detail.end(), [](char c) { return c < 0x20 || c == 0x7F; }, ' ');
  return detail;
}

// The requests of one collection, on one HTTP session (so they share a connection).
class Session {
 public:
  Session(const config::KubernetesAccess& access, std::string token)
      : access_(access), token_(std::move(token)), http_(session_options(access_, token_)) {}

  // GETs `path` (+ `query`) and parses the JSON answer into `doc`; throws
  // KubernetesError.
  void get(const std::string& path, const std::string& query, Clock::time_point deadline,
           rapidjson::Document& doc) {
    const std::string url = access_.api_url + path;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) fail("GET " + url + ": the collection's deadline passed", 0, true);
    net::HttpRequest request;
    request.url = url + query;
    request.timeout = std::min(left, access_.request_timeout);
    ++requests_;
    const net::HttpResponse response = http_.perform(request);
    if (!response.answered()) {
      fail("GET " + url + ": " + response.transport_error, 0, response.transport_retryable);
    }
    if (!response.ok()) {
      fail("GET " + url + ": HTTP " + std::to_string(response.status) + ": " +
               status_detail(response.body),
           response.status, retryable_status(response.status));
    }
    doc.Parse(response.body.data(), response.body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      fail("GET " + url + ": the answer is not a JSON object (" +
               (doc.HasParseError() ? rapidjson::GetParseError_En(doc.GetParseError())
                                    : "another JSON value") +
               ")",
           response.status, false);
    }
  }

  [[noreturn]] void fail(std::string message, long status, bool retryable) const {
    // A server may echo a request header back; the token stays out of logs regardless.
    constexpr std::string_view kRedacted = "[token]";
    for (auto at = message.find(token_); !token_.empty() && at != std::string::npos;
         at = message.find(token_, at + kRedacted.size())) {
      message.replace(at, token_.size(), kRedacted);
    }
    throw KubernetesError(message, status, retryable);
  }

  int requests() const { return requests_; }

 private:
  static net::HttpSessionOptions session_options(const config::KubernetesAccess& access,
                                                 const std::string& token) {
    net::HttpSessionOptions options;
    // The cluster's CA alone: a public CA must not vouch for the API server.
    options.ca_file = access.ca_file;
    options.headers = {"Accept: application/json"};
    if (!token.empty()) options.headers.push_back("Authorization: Bearer " + token);
    options.max_body_bytes = kMaxAnswerBytes;
    return options;
  }

  const config::KubernetesAccess& access_;
  std::string token_;
  net::HttpSession http_;
  int requests_ = 0;
};

// Every page of one list, its documents kept alive in `pages`, its items in `items`.
void list_all(Session& session, const std::string& path, Clock::time_point deadline,
              std::vector<std::unique_ptr<rapidjson::Document>>& pages,
              std::vector<const rapidjson::Value*>& items) {
  std::string continue_token;
  do {
    std::string query = "?limit=" + std::to_string(kPageLimit);
    if (!continue_token.empty()) query += "&continue=" + net::escape_component(continue_token);
    auto page = std::make_unique<rapidjson::Document>();
    session.get(path, query, deadline, *page);
    const auto list = page->FindMember("items");
    if (list == page->MemberEnd() || !(list->value.IsArray() || list->value.IsNull())) {
      session.fail("GET " + path + ": the answer is not a list (no items array)", 200, false);
    }
    if (list->value.IsArray()) {
      for (const auto& item : list->value.GetArray()) items.push_back(&item);
    }
    continue_token.clear();
    const auto metadata = page->FindMember("metadata");
    if (metadata != page->MemberEnd() && metadata->value.IsObject()) {
      const auto next = metadata->value.FindMember("continue");
      if (next != metadata->value.MemberEnd() && next->value.IsString()) {
        continue_token = next->value.GetString();
      }
    }
    pages.push_back(std::move(page));
  } while (!continue_token.empty());
}

}  // namespace

ClusterClient::ClusterClient(config::KubernetesAccess access) : access_(std::move(access)) {
  if (!access_.configured()) throw std::invalid_argument("ClusterClient: no api_url");
  std::sort(access_.namespaces.begin(), access_.namespaces.end());
  access_.namespaces.erase(std::unique(access_.namespaces.begin(), access_.namespaces.end()),
                           access_.namespaces.end());
}

ClusterSnapshot ClusterClient::collect(Clock::time_point deadline) const {
  const auto started = Clock::now();
  Session session(access_, bearer_token(access_));
  std::vector<std::unique_ptr<rapidjson::Document>> pages;
  WorkloadLists lists;
  const struct {
    std::string_view group_version;
    std::string_view resource;
    std::vector<const rapidjson::Value*>* items;
  } resources[] = {
      {"/apis/apps/v1", "deployments", &lists.deployments},
      {"/apis/apps/v1", "statefulsets", &lists.statefulsets},
      {"/apis/apps/v1", "daemonsets", &lists.daemonsets},
      {"/apis/apps/v1", "replicasets", &lists.replicasets},
      {"/api/v1", "pods", &lists.pods},
  };
  for (const auto& r : resources) {
    const std::string tail = "/" + std::string(r.resource);
    if (access_.namespaces.empty()) {
      list_all(session, std::string(r.group_version) + tail, deadline, pages, *r.items);
    }
    for (const auto& ns : access_.namespaces) {
      list_all(session,
               std::string(r.group_version) + "/namespaces/" + net::escape_component(ns) + tail,
               deadline, pages, *r.items);
    }
  }
  ClusterSnapshot snapshot = workload_images(lists);
  spdlog::debug(
      "kubernetes collection: requests={} workloads={} pods={} images={} skipped={} "
      "elapsed_ms={}",
      session.requests(),
      lists.deployments.size() + lists.statefulsets.size() + lists.daemonsets.size(),
      lists.pods.size(), snapshot.images.size(), snapshot.skipped.size(),
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
  return snapshot;
}

}  // namespace switchyard::kubernetes
