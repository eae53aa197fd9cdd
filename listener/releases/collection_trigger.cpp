#include "releases/collection_trigger.hpp"

#include <spdlog/spdlog.h>

#include <future>
#include <memory>

#include "domain/releases/releases_kinds.hpp"
#include "envelope/internal_task.hpp"
#include "json/json_fields.hpp"

namespace switchyard::listener {

bool CollectionTrigger::enabled(const config::Settings& settings) {
  return settings.kubernetes.configured() && settings.collect_interval.count() > 0;
}

bool CollectionTrigger::trigger() {
  const envelope::TaskEnvelope task = envelope::internal_task(
      services_, kinds::releases::kCollect,
      json::string_object({{"client_name", client_name_}, {"env_name", env_name_}}), "scheduler");
  // The scheduler's thread may wait: the callback runs on the publisher's.
  auto outcome = std::make_shared<std::promise<amqp::PublishOutcome>>();
  std::future<amqp::PublishOutcome> answered = outcome->get_future();
  publisher_.publish(task, std::nullopt, [outcome](amqp::PublishOutcome result) {
    outcome->set_value(std::move(result));
  });
  const amqp::PublishOutcome result = answered.get();
  if (result.kind == amqp::PublishOutcome::Kind::kFailed) {
    spdlog::warn("scheduler: releases.collect not published ({}); trying again soon",
                 result.reason);
    return false;
  }
  spdlog::info("scheduler: releases.collect task {} queued", task.id);
  return true;
}

}  // namespace switchyard::listener
