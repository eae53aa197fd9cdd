#pragma once
// The whole platform for end-to-end tests: a fresh database (migrated) and vhost
// on the test servers, then switchyard-api, -listener and N workers as real
// processes built from this tree, with the repository's config files. Logs go to
// build/test-logs/<name>-<process>.log. Each process gets a free METRICS_PORT of
// its own (metrics_port()). Destroying the stack stops every process.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "http_client.hpp"

namespace switchyard::testing {

struct TestStackOptions {
  std::string name;  // database and vhost name; unique per test binary
  int workers = 1;
  std::map<std::string, std::string> extra_env;
};

class TestStack {
 public:
  explicit TestStack(TestStackOptions options);
  ~TestStack();

  const std::string& base_url() const { return base_url_; }
  const std::string& database_url() const { return database_url_; }
  const std::string& broker_url() const { return broker_url_; }
  std::uint16_t port() const { return port_; }

  // The environment the processes run with (for starting more of them).
  std::map<std::string, std::string> environment() const;
  std::unique_ptr<ChildProcess> start_process(const std::string& binary, const std::string& tag);
  // The scrape port of a process started under `tag` ("listener", "worker-1").
  std::uint16_t metrics_port(const std::string& tag) const { return metrics_ports_.at(tag); }

  ChildProcess& api() { return *api_; }
  ChildProcess& listener() { return *listener_; }
  std::vector<std::unique_ptr<ChildProcess>>& workers() { return workers_; }

  // Waits until /health answers 200; throws with the api log otherwise.
  void wait_healthy();

 private:
  TestStackOptions options_;
  std::string database_url_;
  std::string broker_url_;
  std::uint16_t port_ = 0;
  std::string base_url_;
  std::unique_ptr<ChildProcess> listener_;
  std::vector<std::unique_ptr<ChildProcess>> workers_;
  std::unique_ptr<ChildProcess> api_;
  std::map<std::string, std::uint16_t> metrics_ports_;
};

// Authorization header of the development admin key.
inline std::map<std::string, std::string> admin_headers() {
  return {{"Authorization", "Bearer dev-admin-key"}, {"Content-Type", "application/json"}};
}

}  // namespace switchyard::testing
