#pragma once
// The release tracker's worker module: the internal service `releases`, the
// writes of release-tracker-api.md — recording a container's image (history
// semantics in storage/releases), a cluster collection from the Kubernetes API
// (kubernetes/), and a slave's ping — published by the API from validated
// requests, and by the listener's scheduler.
#include <pqxx/pqxx>
#include <string>

#include "domain/releases/releases_kinds.hpp"
#include "releases/releases_settings.hpp"
#include "storage/releases/releases_repository.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::releases {

class ReleasesTasks {
 public:
  static constexpr auto& kKinds = kinds::releases::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

// The handlers of each file (releases.cpp, collect.cpp, pings.cpp).
void register_release_handlers(Dispatcher& dispatcher, const ReleasesSettings& settings);
void register_collect_handlers(Dispatcher& dispatcher, const ReleasesSettings& settings);
void register_ping_handlers(Dispatcher& dispatcher);

// Records one container's image; with MODE=slave (`forward`) the release also
// waits in the outbox for the master, in the same transaction.
std::string record_and_forward(pqxx::transaction_base& tx,
                               const storage::releases::Component& component,
                               const storage::releases::Image& image, bool forward);

}  // namespace switchyard::workers::releases
