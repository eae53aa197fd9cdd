#pragma once
// RFC 3339 UTC timestamps with milliseconds, the one format of every message and
// every JSON answer: 2024-01-15T10:30:00.123Z.
#include <chrono>
#include <string>

namespace switchyard::envelope {

std::string format_timestamp(std::chrono::system_clock::time_point when);
inline std::string now_timestamp() { return format_timestamp(std::chrono::system_clock::now()); }

}  // namespace switchyard::envelope
