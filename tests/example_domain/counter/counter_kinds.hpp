#pragma once
// The example domain's task kinds. A real domain keeps them in
// common/domain/<domain>/<domain>_kinds.hpp: the API publishes them, the worker
// registers their handlers.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::counter {

inline constexpr std::string_view kService = "counter";

inline constexpr domain::TaskKind kIncrement{kService, "increment"};

inline constexpr std::array kAll{kIncrement};

}  // namespace switchyard::kinds::counter
