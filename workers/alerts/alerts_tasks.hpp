#pragma once
// The alert intake's worker module (service `alerts`, docs/alerts.md): one
// handler, ingest_alert, for the one task per alert that api/alerts publishes.
#include "domain/alerts/alerts_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::alerts {

class AlertsTasks {
 public:
  static constexpr auto& kKinds = kinds::alerts::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

}  // namespace switchyard::workers::alerts
