#pragma once
// The internal service `releases`: the writes of release-tracker-api.md —
// recording a container's image (history semantics in storage/releases), a
// cluster collection from the Kubernetes API, and a slave's ping — published by
// the API from validated requests, and by the listener's scheduler.
#include <pqxx/pqxx>
#include <string>

#include "config/settings.hpp"
#include "dispatcher.hpp"
#include "storage/releases/releases_repository.hpp"

namespace switchyard::workers::releases {

void register_handlers(Dispatcher& dispatcher, const config::Settings& settings);

// Records one container's image; with MODE=slave (`forward`) the release also
// waits in the outbox for the master, in the same transaction.
std::string record_and_forward(pqxx::transaction_base& tx,
                               const storage::releases::Component& component,
                               const storage::releases::Image& image, bool forward);

}  // namespace switchyard::workers::releases
