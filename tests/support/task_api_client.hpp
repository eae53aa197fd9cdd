#pragma once
// The task API as end-to-end tests use it: an HttpClient with the development
// admin key, and the few calls every test needs (submit, read, wait for a status).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <string>

#include "http_client.hpp"
#include "test_servers.hpp"
#include "test_stack.hpp"

namespace switchyard::testing {

inline rapidjson::Document parse_json(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  EXPECT_FALSE(doc.HasParseError()) << body;
  return doc;
}

class TaskApiClient {
 public:
  explicit TaskApiClient(const std::string& base_url) : http_(base_url) {}

  HttpClient& http() { return http_; }

  HttpResponse submit(const std::string& body,
                      const std::map<std::string, std::string>& headers = {}) {
    auto all = admin_headers();
    for (const auto& [name, value] : headers) all[name] = value;
    return http_.request("POST", "/api/v1/tasks", body, all);
  }

  // The id of an accepted task ("" and a test failure when not accepted).
  std::string submit_id(const std::string& body) {
    const auto response = submit(body);
    EXPECT_EQ(response.status, 202) << response.body;
    if (response.status != 202) return "";
    return parse_json(response.body)["id"].GetString();
  }

  HttpResponse get(const std::string& path) {
    return http_.request("GET", path, {}, admin_headers());
  }

  // The task's status, or "" when it cannot be read.
  std::string status_of(const std::string& id) {
    const auto response = get("/api/v1/tasks/" + id);
    if (response.status != 200) return "";
    const auto task = parse_json(response.body);
    return task.IsObject() && task.HasMember("status") ? task["status"].GetString() : "";
  }

  bool reaches(const std::string& id, const std::string& status,
               std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    return eventually([&] { return status_of(id) == status; }, timeout);
  }

 private:
  HttpClient http_;
};

}  // namespace switchyard::testing
