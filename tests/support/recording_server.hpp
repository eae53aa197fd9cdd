#pragma once
// A recording HTTP server for tests and benchmarks: tests/support/
// recording_http_server.py, which plays Slack's Web API (under /slack/api) and
// its response URLs (/slack/hooks), a
// document service (/docs) and an on-call notifier (/notify), and records every
// request. Tests point the worker at it (slack_api_url(), docs_url(),
// notify_url()), script failures with answer_next() and read what the worker sent
// with calls(). Destroying it stops the server.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "http_client.hpp"

namespace switchyard::testing {

struct RecordedCall {
  std::string method;
  std::string path;                            // without the query
  std::string query;                           // after '?', as sent
  std::map<std::string, std::string> headers;  // names in lowercase
  std::string body;
  double at = 0;  // when it arrived, in seconds since the epoch

  std::string header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? "" : it->second;
  }
};

struct RecordingServerOptions {
  // Set: Slack calls without `Authorization: Bearer <slack_token>` are refused
  // (`not_authed`, `invalid_auth`), as Slack does.
  std::string slack_token;
  // Count requests without recording them (benchmarks: memory stays flat).
  bool count_only = false;
};

class RecordingServer {
 public:
  // The server's output goes to build/test-logs/<log_name>-recording-server.log.
  explicit RecordingServer(const std::string& log_name, RecordingServerOptions options = {});
  ~RecordingServer();
  RecordingServer(const RecordingServer&) = delete;
  RecordingServer& operator=(const RecordingServer&) = delete;

  const std::string& url() const { return url_; }  // http://127.0.0.1:<port>
  std::string slack_api_url() const { return url_ + "/slack/api"; }
  std::string docs_url() const { return url_ + "/docs"; }
  std::string notify_url() const { return url_ + "/notify"; }
  // A Slack response_url (hooks.slack.com/commands/...) of the server's.
  std::string slack_hooks_url(const std::string& name) const {
    return url_ + "/slack/hooks/" + name;
  }

  // The requests answered so far, oldest first (none in count-only mode).
  std::vector<RecordedCall> calls() const;
  // Those whose path is `path` ("/docs", "/slack/api/conversations.create").
  std::vector<RecordedCall> calls_to(const std::string& path) const;
  // How many requests were answered (control requests aside).
  std::size_t count() const;

  // The next `times` requests to `path` are answered `status` with `body` (JSON
  // text) and `headers` instead of the usual answer.
  void answer_next(const std::string& path, int status, const std::string& body, int times = 1,
                   const std::map<std::string, std::string>& headers = {});
  // users.lookupByEmail finds these emails (email → Slack user id); with
  // `only_known`, no other (`users_not_found`). By default any email is found.
  void slack_users(const std::map<std::string, std::string>& users, bool only_known);
  // Channels that exist in Slack already; conversations.list answers pages of at
  // most `page_size`. Returns their ids by name.
  std::map<std::string, std::string> slack_channels(const std::vector<std::string>& names,
                                                    int page_size = 100);
  // Forgets the calls, scripted answers, channels and users.
  void reset();
  void stop();

 private:
  std::string control(const std::string& method, const std::string& path,
                      const std::string& body = {}) const;

  std::unique_ptr<ChildProcess> process_;
  std::string url_;
  mutable std::mutex mutex_;  // one control request at a time on client_
  mutable std::unique_ptr<HttpClient> client_;
};

}  // namespace switchyard::testing
