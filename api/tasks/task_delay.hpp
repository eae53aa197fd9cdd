#pragma once
// When a submitted task may start (docs/scheduling.md "Delayed tasks"): body field
// `delay_ms` (0 … 7 days) or `run_at` (RFC 3339, with Z or an offset; at most 7
// days ahead; a time already past means now), not both. Answers 400 in the xcore
// format naming the field otherwise.
#include <rapidjson/document.h>

#include <chrono>
#include <optional>

namespace switchyard::api {

// The time before which the task must not start; nullopt to start at once.
std::optional<std::chrono::system_clock::time_point> requested_start(
    const rapidjson::Document& body, std::chrono::system_clock::time_point now);

// RFC 3339 date-time ("2026-12-05T11:30:00Z", "…00.250+01:00"); nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace switchyard::api
