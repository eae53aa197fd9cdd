#pragma once
// EventHub: the fan-out of one API process. Events come in once (from the broker
// feed, or published in-process like user.login), get an id, are kept in the
// EventRing for resumes and are offered to every subscription that wants them.
// The broker feed runs only while subscribers() > 0 (BrokerEventFeed), so a
// process nobody watches costs the broker nothing.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <vector>

#include "events/event_ring.hpp"
#include "events/subscription.hpp"

namespace switchyard::api::events {

struct HubLimits {
  std::size_t ring_capacity = 10000;
  std::chrono::seconds ring_max_age{300};
};

class EventHub {
 public:
  explicit EventHub(HubLimits limits = {});

  struct Joined {
    // The events missed since Last-Event-ID, to send before the live ones.
    std::vector<SharedEvent> replay;
    // Last-Event-ID was outside the window: send `reset` before anything.
    bool reset = false;
  };
  // Registers `subscription`; with `last_id`, also the missed events it may see,
  // taken under the same lock as the registration so none falls between them.
  Joined join(const std::shared_ptr<Subscription>& subscription,
              std::optional<std::uint64_t> last_id);
  void leave(const std::shared_ptr<Subscription>& subscription);

  // Assigns the event its id, keeps it and offers it to the subscriptions.
  void publish(StreamEvent event);

  std::size_t subscribers() const;
  // Whether the broker feed's queue is bound (BrokerEventFeed): until then the
  // events of the broker reach no one, and a new stream holds its first bytes.
  bool feed_live() const { return feed_live_.load(); }
  void set_feed_live(bool live) { feed_live_.store(live); }
  // Blocks until there is a subscriber, or `timeout` passed; returns whether there is one.
  bool wait_for_subscribers(std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable joined_;
  EventRing ring_;
  std::set<std::shared_ptr<Subscription>> subscriptions_;
  std::atomic<bool> feed_live_{false};
};

}  // namespace switchyard::api::events
