#pragma once
// The internal service `tracker`: the tracker's writes, published by the API
// (api/tracker) and served by workers/tracker.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::tracker {

inline constexpr std::string_view kService = "tracker";

inline constexpr domain::TaskKind kCreateEvent{kService, "create_event"};
inline constexpr domain::TaskKind kUpdateEvent{kService, "update_event"};
inline constexpr domain::TaskKind kDeleteEvent{kService, "delete_event"};
inline constexpr domain::TaskKind kPutCatalog{kService, "put_catalog"};
inline constexpr domain::TaskKind kDeleteCatalog{kService, "delete_catalog"};
inline constexpr domain::TaskKind kTakeLock{kService, "take_lock"};
inline constexpr domain::TaskKind kReleaseLock{kService, "release_lock"};

// Every kind of the service, each once: its worker registers a handler for each.
inline constexpr std::array kAll{kCreateEvent,   kUpdateEvent, kDeleteEvent, kPutCatalog,
                                 kDeleteCatalog, kTakeLock,    kReleaseLock};

}  // namespace switchyard::kinds::tracker
