#include "kubernetes/cluster_client.hpp"

#include <curl/curl.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

namespace switchyard::kubernetes {
namespace {

using Clock = std::chrono::steady_clock;

// Items per page, as kubectl asks.
constexpr int kPageLimit = 500;
// One page of 500 pods is a few MB; far more means something is wrong.
constexpr std::size_t kMaxAnswerBytes = 256u << 20;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("curl_global_init failed");
    }
  });
}

struct CurlCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlCleanup>;
using HeaderList = std::unique_ptr<curl_slist, SlistCleanup>;

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string url_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

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

// curl codes that trying again will not fix: configuration and TLS verification.
bool retryable_transport_error(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_WRITE_ERROR:  // the answer passed kMaxAnswerBytes
      return false;
    default:
      return true;
  }
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

size_t append_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  if (body->size() + size * count > kMaxAnswerBytes) return 0;
  body->append(data, size * count);
  return size * count;
}

// One libcurl handle for the requests of one collection (so they share a connection).
class Session {
 public:
  Session(const config::KubernetesAccess& access, std::string token)
      : access_(access), token_(std::move(token)), curl_(curl_easy_init()) {
    if (!curl_) throw KubernetesError("curl_easy_init failed", 0, true);
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
    if (!token_.empty()) {
      headers = curl_slist_append(headers, ("Authorization: Bearer " + token_).c_str());
    }
    headers_.reset(headers);
    CURL* c = curl_.get();
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers_.get());
    curl_easy_setopt(c, CURLOPT_USERAGENT, "switchyard-release-tracker");
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!access_.ca_file.empty()) {
      // The cluster's CA alone: a public CA must not vouch for the API server.
      curl_easy_setopt(c, CURLOPT_CAINFO, access_.ca_file.c_str());
      curl_easy_setopt(c, CURLOPT_CAPATH, static_cast<char*>(nullptr));
    }
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  }
  // libcurl holds a pointer to error_.
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // GETs `path` (+ `query`) and parses the JSON answer into `doc`; throws
  // KubernetesError.
  void get(const std::string& path, const std::string& query, Clock::time_point deadline,
           rapidjson::Document& doc) {
    const std::string url = access_.api_url + path;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) fail("GET " + url + ": the collection's deadline passed", 0, true);
    const long timeout_ms = static_cast<long>(std::min(left, access_.request_timeout).count());
    std::string body;
    error_[0] = '\0';
    CURL* c = curl_.get();
    curl_easy_setopt(c, CURLOPT_URL, (url + query).c_str());
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    ++requests_;
    if (const CURLcode code = curl_easy_perform(c); code != CURLE_OK) {
      const std::string detail = error_[0] != '\0' ? error_ : curl_easy_strerror(code);
      fail("GET " + url + ": " + detail + " (curl code " + std::to_string(code) + ")", 0,
           retryable_transport_error(code));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
      fail("GET " + url + ": HTTP " + std::to_string(status) + ": " + status_detail(body), status,
           retryable_status(status));
    }
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      fail("GET " + url + ": the answer is not a JSON object (" +
               (doc.HasParseError() ? rapidjson::GetParseError_En(doc.GetParseError())
                                    : "another JSON value") +
               ")",
           status, false);
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
  const config::KubernetesAccess& access_;
  std::string token_;
  CurlHandle curl_;
  HeaderList headers_;
  char error_[CURL_ERROR_SIZE] = {};
  int requests_ = 0;
};

// Every page of one list, its documents kept alive in `pages`, its items in `items`.
void list_all(Session& session, const std::string& path, Clock::time_point deadline,
              std::vector<std::unique_ptr<rapidjson::Document>>& pages,
              std::vector<const rapidjson::Value*>& items) {
  std::string continue_token;
  do {
    std::string query = "?limit=" + std::to_string(kPageLimit);
    if (!continue_token.empty()) query += "&continue=" + url_escape(continue_token);
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
  init_curl_once();
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
      list_all(session, std::string(r.group_version) + "/namespaces/" + url_escape(ns) + tail,
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
