#include "domain/slack/slack_destination.hpp"

#include "json/json_fields.hpp"

namespace switchyard::domain::slack {
namespace {

std::string member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace

std::string SlackDestination::json() const {
  if (!response_url.empty()) return json::string_object({{"response_url", response_url}});
  if (thread_ts.empty()) return json::string_object({{"channel", channel}});
  return json::string_object({{"channel", channel}, {"thread_ts", thread_ts}});
}

std::optional<SlackDestination> SlackDestination::from(const rapidjson::Value& to) {
  if (!to.IsObject()) return std::nullopt;
  SlackDestination destination{member(to, "response_url"), member(to, "channel"),
                               member(to, "thread_ts")};
  if (destination.response_url.empty() && destination.channel.empty()) return std::nullopt;
  return destination;
}

}  // namespace switchyard::domain::slack
