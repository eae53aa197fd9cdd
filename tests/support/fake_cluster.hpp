#pragma once
// A fake Kubernetes cluster for tests: tests/support/fake_kube_api.py (an HTTPS
// API server with its own throwaway CA) serving a copy of the recorded list
// answers in tests/fixtures/kubernetes. Tests rewrite the copy to simulate a
// rollout, or make the server fail. Destroying it stops the server.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "config/settings.hpp"
#include "temp_dir.hpp"

namespace switchyard::testing {

class FakeCluster {
 public:
  static constexpr const char* kToken = "fake-cluster-token";

  // `page_size` > 0 caps every list page (pagination without thousands of items).
  explicit FakeCluster(const std::string& log_name, int page_size = 0);
  ~FakeCluster();

  const std::string& url() const { return url_; }          // https://127.0.0.1:<port>
  const std::string& ca_file() const { return ca_file_; }  // the CA that signed its certificate
  // URL, token and CA: what a collection needs to reach it.
  config::KubernetesAccess access() const;
  void stop();

  // The requests answered so far, as logged: "GET /api/v1/pods?limit=500 200".
  std::vector<std::string> requests() const;

  // Replaces a fixture file at once (the server never reads half of it).
  void write_fixture(const std::string& file, const std::string& text);
  // Replaces every `from` by `to` in one fixture file (e.g. an image tag and digest).
  void edit_fixture(const std::string& file, const std::string& from, const std::string& to);
  // Every request answered with `status` from now on; 0 serves normally again.
  void fail_with(int status);
  // Every answer waits `delay` first; 0 answers at once again.
  void delay_answers(std::chrono::milliseconds delay);

 private:
  TempDir dir_;
  std::filesystem::path fixtures_;
  std::string url_;
  std::string ca_file_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace switchyard::testing
