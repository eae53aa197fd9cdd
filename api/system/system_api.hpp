#pragma once
// The process's own routes: health, metrics, the OpenAPI document and its viewers.
#include "module.hpp"
#include "system/api_docs.hpp"
#include "system/health_check.hpp"
#include "system/metrics_endpoint.hpp"

namespace switchyard::api {

class SystemApi final : public ApiModuleOf<SystemApi> {
 public:
  static constexpr std::string_view kName = "system";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<SystemApi>> route_rows(const RouteOptions& options);

  explicit SystemApi(ModuleContext& context);

 private:
  HealthCheck health_;
  MetricsEndpoint metrics_;
  ApiDocs docs_;
};

}  // namespace switchyard::api
