#pragma once
// The internal service `workflows`: starting a workflow, published by the API
// (api/workflows) and served by workers/workflows. The steps themselves are tasks
// of their own services.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::workflows {

inline constexpr std::string_view kService = "workflows";

inline constexpr domain::TaskKind kStart{kService, "start"};

// Every kind of the service, each once: its worker registers a handler for each.
inline constexpr std::array kAll{kStart};

}  // namespace switchyard::kinds::workflows
