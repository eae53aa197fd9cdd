#include "events/subscription.hpp"

#include "events/event_visibility.hpp"

namespace switchyard::api::events {

Subscription::Subscription(Principal principal, EventSelection selection, std::size_t max_queued,
                           std::function<void()> wake)
    : principal_(std::move(principal)),
      max_queued_(max_queued),
      wake_(std::move(wake)),
      selection_(std::move(selection)) {}

bool Subscription::wants(const StreamEvent& event) const {
  if (!may_see(principal_, event)) return false;
  std::lock_guard lock(mutex_);
  return selection_.matches(event);
}

void Subscription::select(EventSelection selection) {
  std::lock_guard lock(mutex_);
  selection_ = std::move(selection);
}

void Subscription::offer(SharedEvent event) {
  if (overflowed_.load()) return;
  {
    std::lock_guard lock(mutex_);
    if (queued_.size() >= max_queued_) {
      overflowed_ = true;
      queued_.clear();
    } else {
      queued_.push_back(std::move(event));
    }
  }
  wake_();
}

std::vector<SharedEvent> Subscription::take() {
  std::lock_guard lock(mutex_);
  std::vector<SharedEvent> taken;
  taken.swap(queued_);
  return taken;
}

}  // namespace switchyard::api::events
