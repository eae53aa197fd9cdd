#pragma once
// A small blocking HTTP client for tests, on libcurl: one handle per client, so
// connections are kept alive between requests. Not thread-safe: one per thread.
#include <map>
#include <string>

namespace switchyard::testing {

struct HttpResponse {
  long status = 0;  // 0 when the request could not be sent (connection refused…)
  std::string body;
  std::map<std::string, std::string> headers;  // names in lowercase

  std::string header(const std::string& lowercase_name) const {
    auto it = headers.find(lowercase_name);
    return it == headers.end() ? "" : it->second;
  }
};

class HttpClient {
 public:
  // `base_url` like http://127.0.0.1:8000 (credentials allowed: http://u:p@host).
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse request(const std::string& method, const std::string& path,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});

 private:
  std::string base_url_;
  void* curl_;
};

}  // namespace switchyard::testing
