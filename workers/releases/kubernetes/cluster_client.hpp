#pragma once
// Reads what runs in a Kubernetes cluster through its API server: lists Deployments,
// StatefulSets, DaemonSets, ReplicaSets and Pods and hands them to workload_images.
// Only GETs on list endpoints, so read-only RBAC (get/list on those resources) is
// enough.
#include <chrono>
#include <stdexcept>
#include <string>

#include "config/settings.hpp"
#include "releases/kubernetes/workload_images.hpp"

namespace switchyard::kubernetes {

// A failed collection. retryable(): trying again later may succeed (connection refused
// or reset, timeout, deadline passed, HTTP 408, 410 (a list continue token expired),
// 429, 5xx). Not retryable: configuration or permission problems (401, 403, 404, other
// 4xx, TLS verification, an unreadable token file, an answer that is not a JSON list).
// http_status() is the API server's status, 0 when there was no HTTP answer. The
// message names the request and, for a Kubernetes Status answer, its message; it never
// contains the bearer token.
class KubernetesError : public std::runtime_error {
 public:
  KubernetesError(const std::string& message, long http_status, bool retryable)
      : std::runtime_error(message), http_status_(http_status), retryable_(retryable) {}

  long http_status() const noexcept { return http_status_; }
  bool retryable() const noexcept { return retryable_; }

 private:
  long http_status_;
  bool retryable_;
};

// Duties:
//  1. authenticate with access.token, else the content of access.token_file read anew
//     at each collect() (projected service-account tokens rotate), trimmed; with
//     neither, no Authorization header (e.g. `kubectl proxy`);
//  2. verify the server's certificate and host name always, against access.ca_file
//     alone when set (the system CAs otherwise);
//  3. list the five resources cluster-wide, or in each of access.namespaces, 500 items
//     a page, following metadata.continue until the last page;
//  4. bound everything by the caller's deadline.
// Thread-safe: collect() is const and uses its own libcurl handle per call.
class ClusterClient {
 public:
  // Throws std::invalid_argument when `access` has no api_url.
  explicit ClusterClient(config::KubernetesAccess access);

  // One consistent-enough picture of the cluster: each list is complete, but the five
  // lists are read one after the other, not at one resourceVersion. Each request's
  // timeout is min(access.request_timeout, time left before `deadline`); a deadline
  // that passes between requests is a retryable KubernetesError. Throws
  // KubernetesError.
  ClusterSnapshot collect(std::chrono::steady_clock::time_point deadline) const;

 private:
  config::KubernetesAccess access_;
};

}  // namespace switchyard::kubernetes
