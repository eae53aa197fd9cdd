#pragma once
// The internal service `releases`: the release tracker's writes, published by
// the API (api/releases) and the listener's scheduler (listener/releases), served
// by workers/releases.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::releases {

inline constexpr std::string_view kService = "releases";

inline constexpr domain::TaskKind kRecord{kService, "record"};
inline constexpr domain::TaskKind kCollect{kService, "collect"};
inline constexpr domain::TaskKind kPing{kService, "ping"};

// Every kind of the service, each once: its worker registers a handler for each.
inline constexpr std::array kAll{kRecord, kCollect, kPing};

}  // namespace switchyard::kinds::releases
