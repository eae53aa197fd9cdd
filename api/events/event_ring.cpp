#include "events/event_ring.hpp"

namespace switchyard::api::events {

EventRing::EventRing(std::size_t capacity, std::chrono::seconds max_age, std::uint64_t first_id)
    : capacity_(capacity), max_age_(max_age), next_id_(first_id), floor_id_(first_id) {}

SharedEvent EventRing::append(StreamEvent event) {
  event.id = next_id_++;
  auto shared = std::make_shared<const StreamEvent>(std::move(event));
  events_.push_back(shared);
  evict(shared->received);
  return shared;
}

void EventRing::evict(std::chrono::steady_clock::time_point now) {
  while (!events_.empty() &&
         (events_.size() > capacity_ || now - events_.front()->received > max_age_)) {
    events_.pop_front();
  }
  floor_id_ = events_.empty() ? next_id_ : events_.front()->id;
}

std::optional<std::vector<SharedEvent>> EventRing::after(std::uint64_t last_id) {
  evict(std::chrono::steady_clock::now());
  // The subscriber saw up to last_id; the window must still hold last_id + 1.
  if (last_id + 1 < floor_id_ || last_id >= next_id_) return std::nullopt;
  std::vector<SharedEvent> missed;
  for (const auto& event : events_) {
    if (event->id > last_id) missed.push_back(event);
  }
  return missed;
}

}  // namespace switchyard::api::events
