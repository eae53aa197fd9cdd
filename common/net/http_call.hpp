#pragma once
// One outgoing HTTP(S) request with libcurl: the slave's calls to its master and
// the cluster collection's calls to the Kubernetes API. Blocking; bounded by
// `timeout`; TLS peers and host names are always verified (`ca_file` adds a CA
// bundle for a private cluster CA). Transport failures are reported, not thrown.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::net {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::string ca_file;  // empty: the system's CAs
  std::chrono::milliseconds timeout{10000};
};

struct HttpResponse {
  long status = 0;  // 0: no HTTP answer (see `transport_error`)
  std::string body;
  std::string transport_error;  // libcurl's message: refused, timed out, TLS, ...

  bool answered() const { return status != 0; }
  bool ok() const { return status >= 200 && status < 300; }
};

HttpResponse perform(const HttpRequest& request);

// Percent-encodes everything but RFC 3986 unreserved characters, for one path
// segment or query value.
std::string escape_component(std::string_view text);

}  // namespace switchyard::net
