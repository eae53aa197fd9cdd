#pragma once
// WorkerModule: one domain's part of the worker (system, identity, tracker,
// releases, …): the handlers of its service's kinds, kept in its own folder
// workers/<domain>/ (its kinds in common/domain/<domain>/<domain>_kinds.hpp). A module
// is a class M with
//   static constexpr auto& kKinds = kinds::<domain>::kAll;  // the kinds it serves
//   static void add_to(Dispatcher&, const WorkerContext&);  // one handler per kind
// Its add_to builds the domain's own settings from the context (no handler sees
// config::Settings whole) and adds each handler with
// dispatcher.add(kinds::<domain>::kX, handler). The process plugs it in with one
// line in workers/worker_modules.hpp; tests/unit/workers/task_kinds_test.cpp
// checks that it serves exactly its kinds, and they exactly the actions of
// services.yaml.
#include <concepts>
#include <ranges>
#include <vector>

#include "config/services_config.hpp"
#include "config/settings.hpp"
#include "dispatcher.hpp"
#include "domain/task_kind.hpp"

namespace switchyard::workers {

// What the composition root (workers/main.cpp) shares with every module; it
// outlives the handlers.
struct WorkerContext {
  const config::Settings& settings;
  // services.yaml, when the worker loaded it (not in tests that only list kinds).
  const config::ServicesConfig* services = nullptr;

  // How many handler threads run the tasks of `service` at once: its pool's
  // `concurrency`, else WORKER_CONCURRENCY. A module sizes per-thread resources
  // (database connections) with it.
  int handler_threads(const std::string& service) const {
    const int pool = services != nullptr ? services->pool_concurrency(service) : 0;
    return pool > 0 ? pool : settings.worker_concurrency;
  }
};

template <class M>
concept WorkerModule = requires(Dispatcher& dispatcher, const WorkerContext& context) {
  requires std::ranges::range<decltype(M::kKinds)>;
  requires std::same_as<std::ranges::range_value_t<decltype(M::kKinds)>, domain::TaskKind>;
  M::add_to(dispatcher, context);
};

// WorkerModules<M...>: the modules one worker process runs, in order (the list is
// workers/worker_modules.hpp).
template <WorkerModule... Modules>
struct WorkerModules {
  // This list with `More` modules after it (a domain joining the real list).
  template <WorkerModule... More>
  using With = WorkerModules<Modules..., More...>;

  // Throws std::logic_error when two handlers serve one kind.
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context) {
    (Modules::add_to(dispatcher, context), ...);
  }

  // Every kind the modules declare, in list order.
  static std::vector<domain::TaskKind> kinds() {
    std::vector<domain::TaskKind> all;
    (all.insert(all.end(), std::begin(Modules::kKinds), std::end(Modules::kKinds)), ...);
    return all;
  }
};

}  // namespace switchyard::workers
