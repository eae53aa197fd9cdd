#pragma once
// Subscription: one subscriber of the live stream (an SSE response or a WebSocket)
// as EventHub sees it: who it is, what it selected, and a bounded queue of the
// events waiting for its connection to write them. When the queue is full the
// subscriber is too slow: it is marked overflowed, receives nothing more, and its
// connection closes it (EventStreamServer), so memory never grows with a reader
// that does not read. Thread-safe: the hub offers, the connection's thread takes.
#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

#include "events/event_selection.hpp"
#include "events/stream_event.hpp"
#include "identity/principal.hpp"

namespace switchyard::api::events {

class Subscription {
 public:
  Subscription(Principal principal, EventSelection selection, std::size_t max_queued,
               std::function<void()> wake);

  // Whether the event is for this subscriber: selected and visible to it.
  bool wants(const StreamEvent& event) const;
  void select(EventSelection selection);
  // Queues the event (the caller checked wants()); wakes the connection.
  void offer(SharedEvent event);
  // The queued events, oldest first; the queue is then empty.
  std::vector<SharedEvent> take();
  bool overflowed() const { return overflowed_.load(); }
  const Principal& principal() const { return principal_; }

 private:
  const Principal principal_;
  const std::size_t max_queued_;
  const std::function<void()> wake_;
  mutable std::mutex mutex_;
  EventSelection selection_;
  std::vector<SharedEvent> queued_;
  std::atomic<bool> overflowed_{false};
};

}  // namespace switchyard::api::events
