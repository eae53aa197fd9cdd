#pragma once
// EventSelection: what one subscriber asked for (docs/console.md "Live events"):
// `types`, a comma list of event types where a trailing `*` is a prefix
// (`task.*`, `incident.*`), all types when empty; and `service`, a task service's
// name (events of other kinds pass it). Parsed once per subscription; a list
// that is too long, too large or holds an impossible type is refused (400), so
// matching stays a few string compares per event.
#include <string>
#include <string_view>
#include <vector>

#include "events/stream_event.hpp"

namespace switchyard::api::events {

class EventSelection {
 public:
  static constexpr std::size_t kMaxTypes = 32;
  static constexpr std::size_t kMaxTypeLength = 64;

  // Everything. Throws AppError(kValidation) for a list or a service it refuses.
  EventSelection() = default;
  static EventSelection parse(std::string_view types, std::string_view service);
  static EventSelection from_list(std::vector<std::string> types, std::string service);

  bool matches(const StreamEvent& event) const;
  const std::vector<std::string>& types() const { return types_; }
  const std::string& service() const { return service_; }

 private:
  std::vector<std::string> types_;  // a trailing '*' is a prefix
  std::string service_;
};

}  // namespace switchyard::api::events
