#pragma once
// TaskKind: what a task is — its service and action, the routing key's two words
// (River's JobArgs.Kind()). Each domain declares its kinds once, as constants in
// common/domain/<domain>/<domain>_kinds.hpp; the publisher (the API's awaited writes, the
// listener's scheduled tasks) and the worker's registration both name those
// constants, so neither side spells an action by hand. tests/unit/workers/
// task_kinds_test.cpp checks every declared kind against the worker's handlers
// and config/services.yaml.
#include <string>
#include <string_view>

namespace switchyard::domain {

struct TaskKind {
  std::string_view service;
  std::string_view action;

  // "<service>.<action>", as TaskEnvelope::routing_key().
  std::string routing_key() const {
    std::string text(service);
    text += '.';
    text += action;
    return text;
  }

  friend constexpr bool operator==(const TaskKind&, const TaskKind&) = default;
  friend constexpr auto operator<=>(const TaskKind&, const TaskKind&) = default;
};

}  // namespace switchyard::domain
