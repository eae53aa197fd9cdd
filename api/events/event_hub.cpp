#include "events/event_hub.hpp"

#include <random>

namespace switchyard::api::events {
namespace {

// Ids are <process tag: 16 bits><sequence: 37 bits>, below 2^53 for JavaScript.
// The tag is random per process start, so an id from another API process (behind
// a balancer) or from this one's previous run falls outside this ring's window
// and gets `reset`, instead of replaying someone else's numbering (two tags agree
// once in 65,536). 2^37 events is over four years at 1,000 events a second.
std::uint64_t first_id() {
  std::random_device entropy;
  const std::uint64_t tag = 1 + entropy() % 0xFFFF;  // 1..65535: never a small id
  return tag << 37;
}

}  // namespace

EventHub::EventHub(HubLimits limits)
    : ring_(limits.ring_capacity, limits.ring_max_age, first_id()) {}

EventHub::Joined EventHub::join(const std::shared_ptr<Subscription>& subscription,
                                std::optional<std::uint64_t> last_id) {
  Joined joined;
  {
    std::lock_guard lock(mutex_);
    if (last_id) {
      if (auto missed = ring_.after(*last_id)) {
        for (auto& event : *missed) {
          if (subscription->wants(*event)) joined.replay.push_back(std::move(event));
        }
      } else {
        joined.reset = true;
      }
    }
    subscriptions_.insert(subscription);
  }
  joined_.notify_all();
  return joined;
}

void EventHub::leave(const std::shared_ptr<Subscription>& subscription) {
  std::lock_guard lock(mutex_);
  subscriptions_.erase(subscription);
}

void EventHub::publish(StreamEvent event) {
  std::lock_guard lock(mutex_);
  const SharedEvent shared = ring_.append(std::move(event));
  for (const auto& subscription : subscriptions_) {
    if (subscription->wants(*shared)) subscription->offer(shared);
  }
}

std::size_t EventHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return subscriptions_.size();
}

bool EventHub::wait_for_subscribers(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return joined_.wait_for(lock, timeout, [this] { return !subscriptions_.empty(); });
}

}  // namespace switchyard::api::events
