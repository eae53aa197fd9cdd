#pragma once
// The internal service `schedules`: the writes of /system/tasks (docs/scheduling.md),
// published by the API (api/schedules) and served by workers/schedules.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::schedules {

inline constexpr std::string_view kService = "schedules";

inline constexpr domain::TaskKind kCreate{kService, "create"};
inline constexpr domain::TaskKind kUpdate{kService, "update"};
inline constexpr domain::TaskKind kDelete{kService, "delete"};
inline constexpr domain::TaskKind kPause{kService, "pause"};
inline constexpr domain::TaskKind kResume{kService, "resume"};

// Every kind of the service, each once: its worker registers a handler for each.
inline constexpr std::array kAll{kCreate, kUpdate, kDelete, kPause, kResume};

}  // namespace switchyard::kinds::schedules
