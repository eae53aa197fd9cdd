#pragma once
// ReceivedWindow: the deliveries the TaskConsumer received in one go, sorted into
// the window of tasks it completes together (with their tags, and their envelopes
// as one JSON array for the Completer) and the deliveries that do not decode as a
// task envelope (for the Quarantine, each with its reason). Whether any delivery
// of the window was handed out before tells the consumer to run them one at a
// time under a strike. No broker, no database: the consumer's decisions about a
// window, kept apart so they can be tested.
#include <cstdint>
#include <string>
#include <vector>

#include "amqp/delivery_window.hpp"
#include "completer.hpp"

namespace switchyard::workers {

struct UndecodableDelivery {
  const amqp::Delivery* delivery;  // into the vector given to sort()
  std::string reason;
};

class ReceivedWindow {
 public:
  // Clears the window, then sorts `deliveries` into it: a decodable delivery's
  // body and reply address move into the window; an undecodable one is left as
  // received, and must outlive this window's use of undecodable().
  void sort(std::vector<amqp::Delivery>& deliveries);

  const std::vector<WindowTask>& tasks() const { return tasks_; }
  // The delivery tags of tasks(), in the same order.
  const std::vector<std::uint64_t>& tags() const { return tags_; }
  // tasks()' envelopes as received, as a JSON array.
  const std::string& envelopes_json() const { return envelopes_; }
  // The tag that acks the whole window at once (`multiple`); 0 when empty.
  std::uint64_t last_tag() const { return tags_.empty() ? 0 : tags_.back(); }
  // True when a task of the window was delivered before and never acked.
  bool redelivered() const { return redelivered_; }
  const std::vector<UndecodableDelivery>& undecodable() const { return undecodable_; }

 private:
  std::vector<WindowTask> tasks_;
  std::vector<std::uint64_t> tags_;
  std::string envelopes_;
  bool redelivered_ = false;
  std::vector<UndecodableDelivery> undecodable_;
};

}  // namespace switchyard::workers
