#pragma once
// The release tracker's scheduled jobs: the periodic cluster collection
// (CollectionTrigger, when a cluster is configured and COLLECT_INTERVAL_SECONDS
// is not 0) and, with MODE=slave, the master sync (MasterSync: forwarding the
// outbox, pinging the master).
#include <optional>

#include "job_module.hpp"
#include "releases/collection_trigger.hpp"
#include "releases/master_sync.hpp"

namespace switchyard::listener {

class ReleasesJobs final : public JobModule {
 public:
  explicit ReleasesJobs(JobContext& context);

  std::vector<ScheduledJob> jobs() override;

 private:
  const config::Settings& settings_;
  std::optional<CollectionTrigger> collection_;  // set when periodic collection is on
  std::optional<MasterSync> master_sync_;        // set with MODE=slave
};

}  // namespace switchyard::listener
