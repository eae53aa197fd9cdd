#pragma once
// Whether a subscriber may see an event: the rule of the read that would show the
// same thing, so the stream never tells more than the REST API.
//   task.*      tasks:read, and only tasks the caller submitted unless admin
//               (GET /api/v1/tasks filters non-admins on submitted_by)
//   incident.*  incidents:read
//   plugin.*    plugins:read (GET /system/plugins)
//   user.*      users:read (GET /admin/users)
//   other       admin only
#include "events/stream_event.hpp"
#include "identity/principal.hpp"

namespace switchyard::api::events {

bool may_see(const Principal& principal, const StreamEvent& event);

}  // namespace switchyard::api::events
