#include "amqp/delay_queues.hpp"

#include <cstdlib>

namespace switchyard::amqp {

using std::chrono::milliseconds;

const std::vector<DelayStep>& delay_steps() {
  static const std::vector<DelayStep> steps = {
      {milliseconds(100), "100ms"},  {milliseconds(200), "200ms"},   {milliseconds(500), "500ms"},
      {milliseconds(1000), "1s"},    {milliseconds(2000), "2s"},     {milliseconds(5000), "5s"},
      {milliseconds(10000), "10s"},  {milliseconds(20000), "20s"},   {milliseconds(30000), "30s"},
      {milliseconds(60000), "1m"},   {milliseconds(120000), "2m"},   {milliseconds(300000), "5m"},
      {milliseconds(600000), "10m"}, {milliseconds(1200000), "20m"}, {milliseconds(1800000), "30m"},
      {milliseconds(3600000), "1h"},
  };
  return steps;
}

const DelayStep& nearest_delay_step(milliseconds delay) {
  const auto& steps = delay_steps();
  const DelayStep* best = &steps.front();
  for (const auto& step : steps) {
    if (std::llabs((step.delay - delay).count()) < std::llabs((best->delay - delay).count())) {
      best = &step;
    }
  }
  return *best;
}

const DelayStep& delay_step_at_least(milliseconds delay) {
  const auto& steps = delay_steps();  // ascending
  for (const auto& step : steps) {
    if (step.delay >= delay) return step;
  }
  return steps.back();
}

const DelayStep& delay_hop(milliseconds remaining) {
  const auto& steps = delay_steps();  // ascending
  const DelayStep* hop = &steps.front();
  for (const auto& step : steps) {
    if (step.delay <= remaining) hop = &step;
  }
  return *hop;
}

}  // namespace switchyard::amqp
