#include "counter/counter_api.hpp"

#include "switchyard_example_domain_embedded.hpp"

namespace switchyard::example::counter {

api::OpenapiFragment CounterApi::openapi() { return {kName, embedded::kCounterOpenapi}; }

CounterApi::CounterApi(api::ModuleContext& context)
    : writer_(context.awaited_writer({})), counters_(writer_, context.pool) {}

std::vector<api::RouteRow<CounterApi>> CounterApi::route_rows(const api::RouteOptions&) {
  using api::needs;
  using Pistache::Http::Method;
  constexpr auto kStd = api::RateClass::kStandard;
  // clang-format off
  return {
      // method         path                                  access                   rate  handler
      {Method::Post,  "/api/v1/counters/:name/increment",    needs("counters:write"), kStd, ROUTE_TO(counters_, increment)},
      {Method::Get,   "/api/v1/counters/:name",              needs("counters:read"),  kStd, ROUTE_TO(counters_, get)},
  };
  // clang-format on
}

}  // namespace switchyard::example::counter
