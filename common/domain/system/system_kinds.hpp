#pragma once
// The built-in service `system` (workers/system): diagnostics for smoke tests,
// benchmarks and the retry path. Callers publish them through POST /api/v1/tasks;
// only the worker names these constants.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::system {

inline constexpr std::string_view kService = "system";

inline constexpr domain::TaskKind kNoop{kService, "noop"};
inline constexpr domain::TaskKind kSleep{kService, "sleep"};
inline constexpr domain::TaskKind kFail{kService, "fail"};
inline constexpr domain::TaskKind kFlaky{kService, "flaky"};
inline constexpr domain::TaskKind kRecord{kService, "record"};

// Every kind of the service, each once: its worker registers a handler for each.
inline constexpr std::array kAll{kNoop, kSleep, kFail, kFlaky, kRecord};

}  // namespace switchyard::kinds::system
