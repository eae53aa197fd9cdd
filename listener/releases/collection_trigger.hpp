#pragma once
// The periodic cluster collection of the release tracker: a scheduler job that
// publishes a releases.collect task for this instance's client and environment
// every COLLECT_INTERVAL_SECONDS (when a cluster is configured). Publishing a
// task rather than collecting here keeps every write in the task pipeline:
// workers run it with the same retries, timeout and ledger as POST /api/collect.
#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "config/settings.hpp"

namespace switchyard::listener {

class CollectionTrigger {
 public:
  CollectionTrigger(amqp::TaskPublisher& publisher, const config::ServicesConfig& services,
                    std::string client_name, std::string env_name)
      : publisher_(publisher),
        services_(services),
        client_name_(std::move(client_name)),
        env_name_(std::move(env_name)) {}

  // Periodic collection is on: a cluster is configured and the interval is not 0.
  static bool enabled(const config::Settings& settings);
  // Publishes the task and waits for the broker's confirm; false if it was not
  // taken (the scheduler then tries again soon, not a whole interval later).
  bool trigger();

 private:
  amqp::TaskPublisher& publisher_;
  const config::ServicesConfig& services_;
  std::string client_name_;  // this instance's CLIENT_NAME and ENV_NAME
  std::string env_name_;
};

}  // namespace switchyard::listener
