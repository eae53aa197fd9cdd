#pragma once
// The example domain's API module: what docs/adding-a-domain.md builds, step by
// step. A real domain keeps this in api/<domain>/ and lists it in api/modules.hpp;
// the example lives in tests/ so it never ships.
#include "counter/counters.hpp"
#include "module.hpp"

namespace switchyard::example::counter {

class CounterApi final : public api::ApiModuleOf<CounterApi> {
 public:
  static constexpr std::string_view kName = "counter";
  static api::OpenapiFragment openapi();
  static std::vector<api::RouteRow<CounterApi>> route_rows(const api::RouteOptions& options);

  explicit CounterApi(api::ModuleContext& context);

 private:
  api::AwaitedWriter writer_;
  Counters counters_;
};

}  // namespace switchyard::example::counter
