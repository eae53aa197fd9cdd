#pragma once
// RFC 3339 UTC timestamps with milliseconds, the one format of every message and
// every JSON answer: 2024-01-15T10:30:00.123Z.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::envelope {

std::string format_timestamp(std::chrono::system_clock::time_point when);
// The inverse of format_timestamp (no allocation: the worker reads each task's
// submitted_at for its latency); nullopt for any other shape.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text);
inline std::string now_timestamp() { return format_timestamp(std::chrono::system_clock::now()); }

}  // namespace switchyard::envelope
