#pragma once
// Task ids are UUIDv7 (RFC 9562): time-ordered, so ids sort by submission time and
// serve as the cursor of task listings.
#include <string>
#include <string_view>

namespace switchyard::envelope {

// A new UUIDv7 in canonical lowercase form. Thread-safe.
std::string new_task_id();

// True for a canonical 36-character UUID (any version), either case.
bool is_valid_uuid(std::string_view text);

}  // namespace switchyard::envelope
