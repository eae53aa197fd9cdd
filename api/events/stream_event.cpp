#include "events/stream_event.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace switchyard::api::events {
namespace {

constexpr std::size_t kMaxTypeLength = 128;

bool plausible_type(std::string_view type) {
  if (type.empty() || type.size() > kMaxTypeLength) return false;
  for (const char c : type) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string string_member(const rapidjson::Value& object, const char* name) {
  const auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) return {};
  return {member->value.GetString(), member->value.GetStringLength()};
}

}  // namespace

std::optional<StreamEvent> event_from_message(std::string_view routing_key, std::string_view body) {
  if (!plausible_type(routing_key)) return std::nullopt;
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  StreamEvent event;
  event.type = routing_key;
  if (routing_key.starts_with("task.")) {
    event.service = string_member(document, "service");
    event.submitted_by = string_member(document, "submitted_by");
  }
  // Re-written compact: an SSE `data:` line must not hold a line break.
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  event.data.assign(buffer.GetString(), buffer.GetSize());
  event.received = std::chrono::steady_clock::now();
  return event;
}

}  // namespace switchyard::api::events
