#pragma once
// EventRing: the last events of this API process, for Last-Event-ID resumes. It
// keeps at most `capacity` events and none older than `max_age`, so its memory is
// bounded whatever the rate. Ids start above the process's start time in
// milliseconds, so an id from a previous run of the process is (almost always)
// older than the window and answered with a reset, not confused with a new event.
// Not thread-safe: EventHub holds it under its lock.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "events/stream_event.hpp"

namespace switchyard::api::events {

class EventRing {
 public:
  EventRing(std::size_t capacity, std::chrono::seconds max_age, std::uint64_t first_id);

  // Gives `event` the next id and keeps it; returns it shared.
  SharedEvent append(StreamEvent event);
  // The events after `last_id`, oldest first; nullopt when `last_id` is outside
  // the window (evicted, or never given by this process): the subscriber missed
  // events that cannot be replayed.
  std::optional<std::vector<SharedEvent>> after(std::uint64_t last_id);
  std::uint64_t last_id() const { return next_id_ - 1; }

 private:
  void evict(std::chrono::steady_clock::time_point now);

  std::size_t capacity_;
  std::chrono::seconds max_age_;
  std::uint64_t next_id_;
  // The first id the window may lack: the oldest kept, or next_id_ when empty.
  std::uint64_t floor_id_;
  std::deque<SharedEvent> events_;
};

}  // namespace switchyard::api::events
