#pragma once
// GET /metrics — the API's Prometheus metrics in text format 0.0.4.
#include "metrics/http_metrics.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class MetricsEndpoint {
 public:
  explicit MetricsEndpoint(const HttpMetrics& metrics) : metrics_(metrics) {}

  void handle(RequestContext& context) {
    context.responder.send(Pistache::Http::Code::Ok, metrics_.render(),
                           "text/plain; version=0.0.4; charset=utf-8");
  }

 private:
  const HttpMetrics& metrics_;
};

}  // namespace switchyard::api
