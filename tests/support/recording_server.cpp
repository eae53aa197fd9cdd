#include "recording_server.hpp"

#include <rapidjson/document.h>

#include <filesystem>
#include <stdexcept>

#include "json/json_fields.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace fs = std::filesystem;

RecordingServer::RecordingServer(const std::string& log_name, RecordingServerOptions options) {
  const std::string log_path = build_dir() + "/test-logs/" + log_name + "-recording-server.log";
  fs::create_directories(fs::path(build_dir()) / "test-logs");
  fs::remove(log_path);  // the address is read from this run's first line
  std::vector<std::string> args{"python3",
                                source_dir() + "/tests/support/recording_http_server.py"};
  if (!options.slack_token.empty()) {
    args.insert(args.end(), {"--slack-token", options.slack_token});
  }
  if (options.count_only) args.emplace_back("--count-only");
  process_ = std::make_unique<ChildProcess>(
      "/usr/bin/env", args, std::map<std::string, std::string>{{"PYTHONUNBUFFERED", "1"}},
      log_path);
  // The server prints `listening http://127.0.0.1:<port>` once ready.
  const bool ready = eventually(
      [&] {
        const std::string log = process_->log();
        const auto at = log.find("listening ");
        const auto end = log.find('\n', at);
        if (at == std::string::npos || end == std::string::npos) return false;
        url_ = log.substr(at + 10, end - at - 10);
        return true;
      },
      std::chrono::seconds(20));
  if (!ready) throw std::runtime_error("the recording server did not start:\n" + process_->log());
  client_ = std::make_unique<HttpClient>(url_);
}

RecordingServer::~RecordingServer() { stop(); }

void RecordingServer::stop() { process_->stop(std::chrono::seconds(2)); }

std::string RecordingServer::control(const std::string& method, const std::string& path,
                                     const std::string& body) const {
  std::lock_guard lock(mutex_);
  const auto response =
      client_->request(method, path, body, {{"Content-Type", "application/json"}});
  if (response.status < 200 || response.status >= 300) {
    throw std::runtime_error("recording server " + method + " " + path + ": " +
                             std::to_string(response.status) + " " + response.body);
  }
  return response.body;
}

std::vector<RecordedCall> RecordingServer::calls() const {
  rapidjson::Document list;
  const std::string text = control("GET", "/__calls");
  list.Parse(text.data(), text.size());
  if (list.HasParseError() || !list.IsArray()) {
    throw std::runtime_error("recording server: /__calls is not a JSON array");
  }
  std::vector<RecordedCall> calls;
  for (const auto& item : list.GetArray()) {
    RecordedCall call{item["method"].GetString(), item["path"].GetString(),
                      item["query"].GetString(),  {},
                      item["body"].GetString(),   item["at"].GetDouble()};
    for (const auto& header : item["headers"].GetObject()) {
      call.headers[header.name.GetString()] = header.value.GetString();
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<RecordedCall> RecordingServer::calls_to(const std::string& path) const {
  std::vector<RecordedCall> matching;
  for (auto& call : calls()) {
    if (call.path == path) matching.push_back(std::move(call));
  }
  return matching;
}

std::size_t RecordingServer::count() const {
  rapidjson::Document answer;
  const std::string text = control("GET", "/__count");
  answer.Parse(text.data(), text.size());
  return answer["count"].GetUint64();
}

void RecordingServer::answer_next(const std::string& path, int status, const std::string& body,
                                  int times, const std::map<std::string, std::string>& headers) {
  std::string header_object;
  for (const auto& [name, value] : headers) {
    header_object +=
        (header_object.empty() ? "" : ",") + json::quoted(name) + ":" + json::quoted(value);
  }
  control("POST", "/__answer",
          "{\"path\":" + json::quoted(path) + ",\"status\":" + std::to_string(status) +
              ",\"body\":" + json::quoted(body) + ",\"times\":" + std::to_string(times) +
              ",\"headers\":{" + header_object + "}}");
}

void RecordingServer::slack_users(const std::map<std::string, std::string>& users,
                                  bool only_known) {
  std::string members;
  for (const auto& [email, id] : users) {
    members += (members.empty() ? "" : ",") + json::quoted(email) + ":" + json::quoted(id);
  }
  control("POST", "/__slack_users",
          "{\"users\":{" + members + "},\"only_known\":" + (only_known ? "true" : "false") + "}");
}

std::map<std::string, std::string> RecordingServer::slack_channels(
    const std::vector<std::string>& names, int page_size) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ",") + json::quoted(name);
  rapidjson::Document answer;
  const std::string text =
      control("POST", "/__slack_channels",
              "{\"names\":[" + list + "],\"page_size\":" + std::to_string(page_size) + "}");
  answer.Parse(text.data(), text.size());
  std::map<std::string, std::string> ids;
  for (const auto& id : answer["ids"].GetObject()) ids[id.name.GetString()] = id.value.GetString();
  return ids;
}

void RecordingServer::reset() { control("POST", "/__reset"); }

}  // namespace switchyard::testing
