// HttpMetrics (api/metrics/http_metrics.hpp): the Prometheus text of GET /metrics.
#include "metrics/http_metrics.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace switchyard::api {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(HttpMetrics, CountsRequestsByRouteAndStatus) {
  HttpMetrics metrics;
  auto& submit = metrics.route("POST", "/api/v1/tasks");
  auto& get = metrics.route("GET", "/api/v1/tasks/:id");
  submit.record(202, milliseconds(1));
  submit.record(202, milliseconds(2));
  submit.record(503, milliseconds(3));
  get.record(404, milliseconds(1));

  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(
      text,
      R"(switchyard_http_requests_total{method="POST",route="/api/v1/tasks",status="202"} 2)"))
      << text;
  EXPECT_TRUE(has_line(
      text,
      R"(switchyard_http_requests_total{method="POST",route="/api/v1/tasks",status="503"} 1)"))
      << text;
  EXPECT_TRUE(has_line(
      text,
      R"(switchyard_http_requests_total{method="GET",route="/api/v1/tasks/:id",status="404"} 1)"))
      << text;
  EXPECT_EQ(text.find(R"(route="/api/v1/tasks/:id",status="202")"), std::string::npos) << text;
  EXPECT_TRUE(has_line(text, "# TYPE switchyard_http_requests_total counter"));
  EXPECT_TRUE(has_line(text, "# TYPE switchyard_http_request_duration_seconds histogram"));
}

TEST(HttpMetrics, ReturnsTheSameCountersForTheSameRoute) {
  HttpMetrics metrics;
  EXPECT_EQ(&metrics.route("GET", "/health"), &metrics.route("GET", "/health"));
  EXPECT_NE(&metrics.route("GET", "/health"), &metrics.route("POST", "/health"));
}

TEST(HttpMetrics, RendersCumulativeHistogramBuckets) {
  HttpMetrics metrics;
  auto& route = metrics.route("GET", "/x");
  route.record(200, microseconds(300));    // le 0.0005
  route.record(200, microseconds(2000));   // le 0.0025
  route.record(200, milliseconds(30));     // le 0.05
  route.record(200, milliseconds(30));     // le 0.05
  route.record(200, milliseconds(10000));  // only +Inf

  const std::string text = metrics.render();
  const std::string prefix =
      R"(switchyard_http_request_duration_seconds_bucket{method="GET",route="/x",le=")";
  EXPECT_TRUE(has_line(text, prefix + R"(0.0005"} 1)")) << text;
  EXPECT_TRUE(has_line(text, prefix + R"(0.001"} 1)")) << text;
  EXPECT_TRUE(has_line(text, prefix + R"(0.0025"} 2)")) << text;
  EXPECT_TRUE(has_line(text, prefix + R"(0.025"} 2)")) << text;
  EXPECT_TRUE(has_line(text, prefix + R"(0.05"} 4)")) << text;
  EXPECT_TRUE(has_line(text, prefix + R"(5"} 4)")) << text;
  EXPECT_TRUE(has_line(text, prefix + R"(+Inf"} 5)")) << text;
  EXPECT_TRUE(has_line(
      text, R"(switchyard_http_request_duration_seconds_count{method="GET",route="/x"} 5)"))
      << text;
  EXPECT_TRUE(has_line(
      text, R"(switchyard_http_request_duration_seconds_sum{method="GET",route="/x"} 10.0623)"))
      << text;
}

TEST(HttpMetrics, KeepsEveryBucketCountNonDecreasing) {
  HttpMetrics metrics;
  auto& route = metrics.route("GET", "/y");
  for (int i = 0; i < 200; ++i) route.record(200, microseconds(i * 137 % 20000));
  const std::string text = metrics.render();
  const std::regex bucket(R"(_bucket\{method="GET",route="/y",le="[^"]+"\} (\d+))");
  long long previous = -1;
  int buckets = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), bucket);
       it != std::sregex_iterator(); ++it) {
    const long long value = std::stoll((*it)[1].str());
    EXPECT_GE(value, previous);
    previous = value;
    ++buckets;
  }
  EXPECT_EQ(buckets, 13);  // 12 bounds and +Inf
  EXPECT_EQ(previous, 200);
}

TEST(HttpMetrics, RendersNoSeriesForARouteWithoutRequests) {
  HttpMetrics metrics;
  metrics.route("GET", "/quiet");
  const std::string text = metrics.render();
  EXPECT_EQ(text.find("/quiet"), std::string::npos) << text;
}

TEST(HttpMetrics, CountsPublishedTasksByServiceAndFailuresByReason) {
  HttpMetrics metrics;
  metrics.task_published("system");
  metrics.task_published("system");
  metrics.task_published("billing");
  metrics.publish_failed("broker_unavailable");
  metrics.publish_failed("unroutable");
  metrics.publish_failed("broker_unavailable");

  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, R"(switchyard_tasks_published_total{service="system"} 2)")) << text;
  EXPECT_TRUE(has_line(text, R"(switchyard_tasks_published_total{service="billing"} 1)")) << text;
  EXPECT_TRUE(has_line(text, R"(switchyard_publish_failures_total{reason="broker_unavailable"} 2)"))
      << text;
  EXPECT_TRUE(has_line(text, R"(switchyard_publish_failures_total{reason="unroutable"} 1)"))
      << text;
  EXPECT_TRUE(has_line(text, "# TYPE switchyard_tasks_published_total counter"));
  EXPECT_TRUE(has_line(text, "# TYPE switchyard_publish_failures_total counter"));
  // Reasons that never happened are there at zero, so rate() has a series.
  EXPECT_TRUE(has_line(text, R"(switchyard_publish_failures_total{reason="confirm_timeout"} 0)"))
      << text;
}

TEST(HttpMetrics, CountsEveryRequestRecordedFromManyThreads) {
  HttpMetrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 5000; ++i) {
        metrics.route("GET", "/busy").record(200, microseconds(100));
        metrics.task_published("system");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(
      text, R"(switchyard_http_requests_total{method="GET",route="/busy",status="200"} 20000)"))
      << text;
  EXPECT_TRUE(has_line(text, R"(switchyard_tasks_published_total{service="system"} 20000)"));
}

}  // namespace
}  // namespace switchyard::api
