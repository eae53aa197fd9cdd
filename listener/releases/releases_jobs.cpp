#include "releases/releases_jobs.hpp"

#include "domain/releases/releases_kinds.hpp"

namespace switchyard::listener {

ReleasesJobs::ReleasesJobs(JobContext& context) : settings_(context.settings) {
  if (CollectionTrigger::enabled(settings_)) {
    context.publisher_used = true;
    collection_.emplace(context.publisher, context.services, settings_.client_name,
                        settings_.env_name);
  }
  if (settings_.mode == config::Mode::kSlave)
    master_sync_.emplace(MasterSyncSettings::from(settings_));
}

std::vector<ScheduledJob> ReleasesJobs::jobs() {
  std::vector<ScheduledJob> jobs;
  if (collection_) {
    jobs.push_back({kinds::releases::kCollect.routing_key(), settings_.collect_interval,
                    [this] { return collection_->trigger(); }});
  }
  if (master_sync_) {
    jobs.push_back({"forward releases to the master", std::chrono::seconds(1), [this] {
                      master_sync_->forward();  // keeps its own backoff
                      return true;
                    }});
    jobs.push_back({"ping the master", settings_.ping_interval, [this] {
                      master_sync_->ping();  // the next turn is the retry
                      return true;
                    }});
  }
  return jobs;
}

}  // namespace switchyard::listener
