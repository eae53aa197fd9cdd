#pragma once
// The internal service `plugins` (docs/plugins.md): the writes of /system/plugins
// and the runs of `exec` plugins, published by the API (api/plugins) and served
// by workers/plugins in a pool of their own.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::plugins {

inline constexpr std::string_view kService = "plugins";

inline constexpr domain::TaskKind kInstall{kService, "install"};
inline constexpr domain::TaskKind kReload{kService, "reload"};
inline constexpr domain::TaskKind kEnable{kService, "enable"};
inline constexpr domain::TaskKind kDisable{kService, "disable"};
inline constexpr domain::TaskKind kUninstall{kService, "uninstall"};
// One call of an exec plugin's action: {plugin, action, payload}.
inline constexpr domain::TaskKind kRun{kService, "run"};

// Every kind of the service, each once: its worker registers a handler for each.
inline constexpr std::array kAll{kInstall, kReload, kEnable, kDisable, kUninstall, kRun};

}  // namespace switchyard::kinds::plugins
