#include "events/event_hub.hpp"

namespace switchyard::api::events {
namespace {

std::uint64_t first_id() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<std::uint64_t>(
             std::chrono::duration_cast<std::chrono::milliseconds>(now).count()) *
         1000;
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
