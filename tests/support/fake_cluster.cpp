#include "fake_cluster.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_servers.hpp"

namespace switchyard::testing {
namespace fs = std::filesystem;

FakeCluster::FakeCluster(const std::string& log_name, int page_size)
    : fixtures_(dir_.path() / "fixtures") {
  fs::copy(fs::path(source_dir()) / "tests/fixtures/kubernetes", fixtures_,
           fs::copy_options::recursive);
  fs::create_directories(dir_.path() / "tls");
  const std::string log_path = build_dir() + "/test-logs/" + log_name + "-fake-kube-api.log";
  fs::create_directories(fs::path(build_dir()) / "test-logs");
  fs::remove(log_path);  // the address is read from this run's first line
  process_ = std::make_unique<ChildProcess>(
      "/usr/bin/env",
      std::vector<std::string>{"python3", source_dir() + "/tests/support/fake_kube_api.py",
                               "--fixtures", fixtures_.string(), "--workdir",
                               (dir_.path() / "tls").string(), "--token", kToken, "--page-size",
                               std::to_string(page_size)},
      std::map<std::string, std::string>{{"PYTHONUNBUFFERED", "1"}}, log_path);
  // The server prints `listening https://127.0.0.1:<port> ca=<path>` once ready.
  const bool ready = eventually(
      [&] {
        const std::string log = process_->log();
        const auto at = log.find("listening ");
        const auto end = log.find('\n', at);
        if (at == std::string::npos || end == std::string::npos) return false;
        std::istringstream line(log.substr(at + 10, end - at - 10));
        std::string ca;
        line >> url_ >> ca;
        ca_file_ = ca.substr(3);  // after "ca="
        return true;
      },
      std::chrono::seconds(20));
  if (!ready) throw std::runtime_error("fake Kubernetes API did not start:\n" + process_->log());
}

FakeCluster::~FakeCluster() { stop(); }

void FakeCluster::stop() { process_->stop(std::chrono::seconds(2)); }

config::KubernetesAccess FakeCluster::access() const {
  config::KubernetesAccess access;
  access.api_url = url_;
  access.token = kToken;
  access.ca_file = ca_file_;
  access.request_timeout = std::chrono::seconds(5);
  return access;
}

std::vector<std::string> FakeCluster::requests() const {
  std::vector<std::string> lines;
  std::istringstream log(process_->log());
  for (std::string line; std::getline(log, line);) {
    if (line.rfind("GET ", 0) == 0) lines.push_back(line);
  }
  return lines;
}

void FakeCluster::write_fixture(const std::string& file, const std::string& text) {
  const fs::path path = fixtures_ / file;
  std::ofstream(fs::path(path).concat(".new"), std::ios::binary | std::ios::trunc) << text;
  fs::rename(fs::path(path).concat(".new"), path);
}

void FakeCluster::edit_fixture(const std::string& file, const std::string& from,
                               const std::string& to) {
  std::ifstream in(fixtures_ / file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  if (content.find(from) == std::string::npos) {
    throw std::runtime_error(file + " does not contain " + from);
  }
  for (auto at = content.find(from); at != std::string::npos;
       at = content.find(from, at + to.size())) {
    content.replace(at, from.size(), to);
  }
  write_fixture(file, content);
}

void FakeCluster::fail_with(int status) {
  if (status == 0) {
    fs::remove(fixtures_ / "fail_with");
  } else {
    write_fixture("fail_with", std::to_string(status));
  }
}

void FakeCluster::delay_answers(std::chrono::milliseconds delay) {
  if (delay.count() == 0) {
    fs::remove(fixtures_ / "delay_ms");
  } else {
    write_fixture("delay_ms", std::to_string(delay.count()));
  }
}

}  // namespace switchyard::testing
