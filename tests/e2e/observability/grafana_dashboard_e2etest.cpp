// The Grafana dashboard (config/grafana/switchyard.json) against a live scrape:
// every series its queries name is exported by the api, a worker or the listener
// of a running stack, so no panel stays empty for a misspelt or vanished metric.
// (That the queries are valid PromQL is tests/scripts/prometheus_rules_test.sh's.)
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The sample names of a text exposition (histograms give _bucket, _sum, _count).
void add_sample_names(const std::string& exposition, std::set<std::string>& names) {
  std::istringstream lines(exposition);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    names.insert(line.substr(0, line.find_first_of("{ ")));
  }
}

// Names in a PromQL expression that are series of ours: switchyard_*, process_*.
// (Label names, functions and `up` are Prometheus's own.)
std::set<std::string> series_in(const std::string& expr) {
  static const std::regex kName(R"(\b(switchyard_[a-z_]+|process_[a-z_]+)\b)");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(expr.begin(), expr.end(), kName);
       it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1].str());
  }
  return names;
}

TEST(GrafanaDashboard, EverySeriesItsQueriesNameIsExportedByARunningStack) {
  const char* source = std::getenv("SWITCHYARD_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "run this test through ctest";
  rapidjson::Document dashboard;
  dashboard.Parse(read_file(std::string(source) + "/config/grafana/switchyard.json").c_str());
  ASSERT_TRUE(dashboard.IsObject() && dashboard.HasMember("panels"));

  TestStack stack({"grafana_dashboard_e2e", 1, {}});
  TaskApiClient api(stack.base_url());
  // One task of each outcome, so every labelled series has appeared.
  const std::string ok = api.submit_id(R"({"service":"system","action":"noop","payload":{}})");
  const std::string failing = api.submit_id(R"({"service":"system","action":"fail","payload":{}})");
  ASSERT_TRUE(api.reaches(ok, "succeeded"));
  ASSERT_TRUE(api.reaches(failing, "dead"));

  std::set<std::string> exported;
  std::string listener_text;
  // The listener reads the queues every 15 s: their series appear with the first
  // round after the worker declared them.
  ASSERT_TRUE(eventually(
      [&] {
        HttpClient listener("http://127.0.0.1:" + std::to_string(stack.metrics_port("listener")));
        listener_text = listener.request("GET", "/metrics").body;
        return listener_text.find("switchyard_database_up 1") != std::string::npos &&
               listener_text.find("switchyard_broker_up 1") != std::string::npos &&
               listener_text.find("switchyard_queue_messages{queue=\"tasks.system\"") !=
                   std::string::npos;
      },
      std::chrono::seconds(40)))
      << listener_text;
  add_sample_names(listener_text, exported);
  HttpClient worker("http://127.0.0.1:" + std::to_string(stack.metrics_port("worker-1")));
  add_sample_names(worker.request("GET", "/metrics").body, exported);
  add_sample_names(api.get("/metrics").body, exported);
  ASSERT_GT(exported.size(), 20u);

  int queries = 0;
  for (const auto& panel : dashboard["panels"].GetArray()) {
    if (!panel.HasMember("targets")) continue;
    for (const auto& target : panel["targets"].GetArray()) {
      ++queries;
      const std::string expr = target["expr"].GetString();
      for (const auto& name : series_in(expr)) {
        EXPECT_TRUE(exported.count(name)) << "panel \"" << panel["title"].GetString()
                                          << "\" queries " << name << ", which no process exports";
      }
    }
  }
  EXPECT_GT(queries, 20);
}

}  // namespace
}  // namespace switchyard::testing
