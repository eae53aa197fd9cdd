#include "metrics/http_metrics.hpp"

#include <fmt/format.h>

#include "amqp/task_publisher.hpp"
#include "metrics/process_metrics.hpp"
#include "metrics/text_format.hpp"

namespace switchyard::api {
namespace {

std::atomic<std::uint64_t>& counter_for(
    std::map<std::string, std::unique_ptr<std::atomic<std::uint64_t>>>& counters,
    const std::string& key) {
  auto& slot = counters[key];
  if (!slot) slot = std::make_unique<std::atomic<std::uint64_t>>(0);
  return *slot;
}

}  // namespace

void RouteMetrics::record(int status, std::chrono::steady_clock::duration elapsed) {
  if (status >= 0 && status < kStatusSlots) {
    by_status_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  }
  duration_.observe(std::chrono::duration<double>(elapsed).count());
}

void RouteMetrics::render(std::string& out) const {
  for (int status = 0; status < kStatusSlots; ++status) {
    const auto n = by_status_[static_cast<std::size_t>(status)].load(std::memory_order_relaxed);
    if (n == 0) continue;
    metrics::write_sample(
        out, "switchyard_http_requests_total",
        metrics::labels(
            {{"method", method_}, {"route", route_}, {"status", std::to_string(status)}}),
        n);
  }
}

void RouteMetrics::render_histogram(std::string& out) const {
  if (duration_.count() == 0) return;
  duration_.render(out, "switchyard_http_request_duration_seconds",
                   metrics::labels({{"method", method_}, {"route", route_}}));
}

RouteMetrics& HttpMetrics::route(const std::string& method, const std::string& route) {
  std::lock_guard lock(mutex_);
  auto& slot = routes_[method + " " + route];
  if (!slot) slot = std::make_unique<RouteMetrics>(method, route);
  return *slot;
}

void HttpMetrics::task_published(const std::string& service) {
  std::atomic<std::uint64_t>* counter;
  {
    std::lock_guard lock(mutex_);
    counter = &counter_for(published_, service);
  }
  counter->fetch_add(1, std::memory_order_relaxed);
}

HttpMetrics::HttpMetrics() {
  for (const auto reason : amqp::kPublishFailureReasons)
    counter_for(failures_, std::string(reason));
}

void HttpMetrics::publish_failed(const std::string& reason) {
  std::atomic<std::uint64_t>* counter;
  {
    std::lock_guard lock(mutex_);
    counter = &counter_for(failures_, reason);
  }
  counter->fetch_add(1, std::memory_order_relaxed);
}

std::string HttpMetrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP switchyard_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE switchyard_http_requests_total counter\n";
  for (const auto& [key, metrics] : routes_) metrics->render(out);
  out += "# HELP switchyard_http_request_duration_seconds HTTP request latency.\n";
  out += "# TYPE switchyard_http_request_duration_seconds histogram\n";
  for (const auto& [key, metrics] : routes_) metrics->render_histogram(out);
  out += "# HELP switchyard_tasks_published_total Tasks confirmed by the broker, by service.\n";
  out += "# TYPE switchyard_tasks_published_total counter\n";
  for (const auto& [service, n] : published_) {
    out += fmt::format("switchyard_tasks_published_total{{service=\"{}\"}} {}\n", service,
                       n->load(std::memory_order_relaxed));
  }
  out += "# HELP switchyard_publish_failures_total Tasks the broker did not accept, by reason.\n";
  out += "# TYPE switchyard_publish_failures_total counter\n";
  for (const auto& [reason, n] : failures_) {
    out += fmt::format("switchyard_publish_failures_total{{reason=\"{}\"}} {}\n", reason,
                       n->load(std::memory_order_relaxed));
  }
  metrics::render_process_metrics(out);
  return out;
}

}  // namespace switchyard::api
