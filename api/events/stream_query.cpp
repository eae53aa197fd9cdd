#include "events/stream_query.hpp"

#include <charconv>

#include "errors/app_error.hpp"

namespace switchyard::api::events {

StreamQuery StreamQuery::parse(const std::optional<std::string>& types,
                               const std::optional<std::string>& service,
                               const std::optional<std::string>& last_event_id) {
  StreamQuery query;
  query.selection = EventSelection::parse(types.value_or(""), service.value_or(""));
  if (last_event_id && !last_event_id->empty()) {
    const std::string& text = *last_event_id;
    std::uint64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc{} || end != text.data() + text.size()) {
      throw AppError(ErrorCode::kValidation,
                     "Last-Event-ID: the id of an event this stream sent (a decimal number)");
    }
    query.last_id = id;
    query.raw_last_id = text;
  }
  return query;
}

}  // namespace switchyard::api::events
