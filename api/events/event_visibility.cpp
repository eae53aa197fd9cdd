#include "events/event_visibility.hpp"

namespace switchyard::api::events {

bool may_see(const Principal& principal, const StreamEvent& event) {
  const std::string_view type = event.type;
  if (type.starts_with("task.")) {
    return principal.has("tasks:read") && (principal.admin || principal.name == event.submitted_by);
  }
  if (type.starts_with("incident.")) return principal.has("incidents:read");
  if (type.starts_with("plugin.")) return principal.has("plugins:read");
  if (type.starts_with("user.")) return principal.has("users:read");
  return principal.admin;
}

}  // namespace switchyard::api::events
