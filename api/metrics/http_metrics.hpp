#pragma once
// Prometheus metrics of the API process, kept in atomics so that recording costs a
// few nanoseconds on the request path; rendered as text by GET /metrics, with the
// process_* series every process exposes (common/metrics).
//   switchyard_http_requests_total{method,route,status}
//   switchyard_http_request_duration_seconds{method,route} (histogram)
//   switchyard_tasks_published_total{service}
//   switchyard_publish_failures_total{reason}
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "metrics/histogram.hpp"

namespace switchyard::api {

// The counters of one route; the server holds one per route of the table.
class RouteMetrics {
 public:
  static constexpr double kBuckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                        0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
  RouteMetrics(std::string method, std::string route)
      : method_(std::move(method)), route_(std::move(route)), duration_(kBuckets) {}

  void record(int status, std::chrono::steady_clock::duration elapsed);
  void render(std::string& out) const;
  void render_histogram(std::string& out) const;

 private:
  static constexpr int kStatusSlots = 600;
  std::string method_;
  std::string route_;
  std::array<std::atomic<std::uint64_t>, kStatusSlots> by_status_{};
  metrics::Histogram duration_;
};

class HttpMetrics {
 public:
  // Every failure reason starts at zero, so the series exist before the first.
  HttpMetrics();
  RouteMetrics& route(const std::string& method, const std::string& route);
  void task_published(const std::string& service);
  void publish_failed(const std::string& reason);
  std::string render() const;

 private:
  mutable std::mutex mutex_;  // guards the maps' shape, not the counters
  std::map<std::string, std::unique_ptr<RouteMetrics>> routes_;
  std::map<std::string, std::unique_ptr<std::atomic<std::uint64_t>>> published_;
  std::map<std::string, std::unique_ptr<std::atomic<std::uint64_t>>> failures_;
};

}  // namespace switchyard::api
