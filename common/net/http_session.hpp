#pragma once
// Outgoing HTTP(S) with libcurl: the slave's calls to its master and the cluster
// collection's calls to the Kubernetes API. A session is one libcurl handle, so
// its requests share a kept-alive connection; it is not thread-safe (one per
// thread or per job). Requests block, bounded by their timeout. TLS peers and
// host names are always verified. Transport failures are reported, not thrown.
// Each request carries the `traceparent` of the thread's LogContext when it has
// a trace (docs/observability.md, "Traces and logs").
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::net {

struct HttpSessionOptions {
  // Set: this CA alone is trusted (a public CA must not vouch for a private
  // server such as a cluster's API server). Empty: the system's CAs.
  std::string ca_file;
  std::vector<std::string> headers;         // "Name: value", sent with every request
  std::size_t max_body_bytes = 256u << 20;  // a longer answer is a transport failure
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // added to the session's
  std::string body;
  std::chrono::milliseconds timeout{10000};  // connecting included
  // Set: a CURLOPT_CONNECT_TO entry ("host:port:address:port"), so the connection
  // goes to an address already checked instead of resolving the name again. TLS
  // still verifies the URL's host name.
  std::string connect_to;
};

struct HttpResponse {
  long status = 0;  // 0: no HTTP answer (see transport_error)
  std::string body;
  std::string transport_error;  // refused, timed out, TLS, ...: libcurl's words
  // The answer's Retry-After (delta-seconds or an HTTP-date), when it has a usable
  // one: how long the server asks to be left alone (429, 503).
  std::optional<std::chrono::seconds> retry_after;
  // Trying again may help (refused, reset, timeout), unlike a certificate that
  // does not verify, a malformed URL or an oversized answer.
  bool transport_retryable = false;

  bool answered() const { return status != 0; }
  bool ok() const { return status >= 200 && status < 300; }
};

class HttpSession {
 public:
  explicit HttpSession(HttpSessionOptions options = {});
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  HttpResponse perform(const HttpRequest& request);

 private:
  struct Handle;
  HttpSessionOptions options_;
  std::unique_ptr<Handle> handle_;
};

// A Retry-After value: delta-seconds ("120") or an HTTP-date, measured from `now`
// (seconds since the epoch). nullopt for anything else; a date in the past is 0.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::int64_t now);

// Percent-encodes everything but RFC 3986 unreserved characters, for one path
// segment or query value.
std::string escape_component(std::string_view text);

}  // namespace switchyard::net
