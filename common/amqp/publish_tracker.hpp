#pragma once
// PublishTracker: TaskPublisher's record of every message between its publish and
// its outcome — unconfirmed by delivery tag, then (for a waiting caller) awaiting
// the worker's reply — and the one place each is resolved, exactly once, by its
// callback. It reads the channel's confirms, returns and replies (as a
// ConfirmReader::Handler) and hands the tasks the broker accepted to the turn's
// LedgerBatch. Publisher thread only.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "amqp/confirm_reader.hpp"
#include "amqp/ledger_batch.hpp"
#include "amqp/task_publisher.hpp"

namespace switchyard::amqp {

// One message handed to the publisher.
struct PendingPublish {
  using Clock = std::chrono::steady_clock;

  std::string id;  // message id, and correlation id when waiting
  std::string exchange;
  std::string routing_key;
  std::string body;
  bool is_task = true;  // tasks go into the ledger batch and are published mandatory
  int priority = -1;
  int attempt = -1;
  std::string delay_step;  // a delayed task: to the delays exchange, this hop first
  std::optional<std::chrono::milliseconds> wait;
  PublishCallback callback;
  Clock::time_point deadline;  // confirm deadline, then the end of the wait
  std::optional<std::string> reply;
  bool returned = false;
};

class PublishTracker final : public ConfirmReader::Handler {
 public:
  using Clock = PendingPublish::Clock;

  // `p` was just published on the channel (its confirm is due by p->deadline); it
  // takes the channel's next delivery tag.
  void published(std::unique_ptr<PendingPublish> p);
  // Ends the turn: the tasks confirmed in it leave as one ledger message.
  void flush_ledger(Connection& connection);
  // Resolves what is past its deadline: kFailed (confirm_timeout) or kWaitTimeout.
  void expire(Clock::time_point now);
  std::optional<Clock::time_point> next_deadline() const;
  // The connection is gone: unconfirmed messages fail with `reason`; confirmed ones
  // waiting for a reply were accepted, but the reply can no longer reach this
  // channel (kWaitTimeout). Delivery tags start again at 1.
  void drop_connection(const std::string& reason);
  // True once after the broker nacked anything (then cleared). A quorum queue's
  // client on a channel opened while the queue elected a new leader (a cluster
  // node just died) was seen to nack every later publish; a new channel does not.
  bool take_nacked() { return std::exchange(nacked_, false); }

  void on_confirm(std::uint64_t tag, bool multiple, bool ok) override;
  void on_return(const amqp_message_t& message) override;
  void on_delivery(const amqp_message_t& message) override;

 private:
  using Unconfirmed = std::map<std::uint64_t, std::unique_ptr<PendingPublish>>;

  void settle(Unconfirmed::iterator it, bool ok);
  void resolve(std::unique_ptr<PendingPublish> p, PublishOutcome outcome);

  std::uint64_t next_tag_ = 1;
  Unconfirmed unconfirmed_;                                 // by delivery tag
  std::unordered_map<std::string, PendingPublish*> by_id_;  // for returns and replies
  std::unordered_map<std::string, std::unique_ptr<PendingPublish>> awaiting_reply_;
  std::multimap<Clock::time_point, std::string> wait_deadlines_;
  LedgerBatch ledger_;
  bool nacked_ = false;
};

}  // namespace switchyard::amqp
