#include "slack/slack_api.hpp"

#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api::slack {

OpenapiFragment SlackApi::openapi() { return {kName, embedded::kSlackOpenapi}; }

SlackApi::SlackApi(ModuleContext& context)
    : writer_(context.awaited_writer({})),
      verifier_(context.settings.incidents.slack_signing_secret),
      follow_ups_(context.publisher, writer_, context.services),
      events_(verifier_, follow_ups_),
      commands_(verifier_, follow_ups_, context.pool,
                context.settings.incidents.slack_response_hosts),
      interactions_(verifier_, follow_ups_, context.pool,
                    context.settings.incidents.slack_response_hosts) {}

std::vector<RouteRow<SlackApi>> SlackApi::route_rows(const RouteOptions& /*options*/) {
  using Pistache::Http::Method;
  constexpr auto kHook = RateClass::kWebhook;
  constexpr auto kImas = ErrorStyle::kImas;
  // Slack's signature, not user credentials, authenticates these (slack_verifier.hpp).
  const Access slack = public_route();
  // clang-format off
  return {
      // method        path                            access  rate   handler                                errors
      {Method::Post, "/api/v1/slack/events/",        slack,  kHook, ROUTE_TO(events_, event),              kImas},
      {Method::Post, "/api/v1/slack/commands/",      slack,  kHook, ROUTE_TO(commands_, command),          kImas},
      {Method::Post, "/api/v1/slack/interactive/",   slack,  kHook, ROUTE_TO(interactions_, interact),     kImas},
  };
  // clang-format on
}

}  // namespace switchyard::api::slack
