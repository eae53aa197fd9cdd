#include "amqp/publish_tracker.hpp"

#include <string_view>

namespace switchyard::amqp {
namespace {

using PublishKind = PublishOutcome::Kind;

std::string_view view(const amqp_bytes_t& b) { return {static_cast<const char*>(b.bytes), b.len}; }

}  // namespace

void PublishTracker::published(std::unique_ptr<PendingPublish> p) {
  by_id_.emplace(p->id, p.get());
  unconfirmed_.emplace(next_tag_++, std::move(p));
}

void PublishTracker::flush_ledger(Connection& connection) {
  if (ledger_.flush(connection, next_tag_)) ++next_tag_;
}

void PublishTracker::resolve(std::unique_ptr<PendingPublish> p, PublishOutcome outcome) {
  by_id_.erase(p->id);
  p->callback(std::move(outcome));
}

void PublishTracker::on_confirm(std::uint64_t tag, bool multiple, bool ok) {
  if (!ok) nacked_ = true;
  if (multiple) {
    ledger_.settle(tag, true, ok);
    while (!unconfirmed_.empty() && unconfirmed_.begin()->first <= tag) {
      settle(unconfirmed_.begin(), ok);
    }
    return;
  }
  if (ledger_.settle(tag, false, ok)) return;
  // A tag not found was already failed by the confirm timeout.
  if (auto it = unconfirmed_.find(tag); it != unconfirmed_.end()) settle(it, ok);
}

void PublishTracker::settle(Unconfirmed::iterator it, bool ok) {
  std::unique_ptr<PendingPublish> p = std::move(it->second);
  unconfirmed_.erase(it);
  if (!ok || p->returned) {
    std::string reason = p->returned ? "unroutable" : "nack";
    resolve(std::move(p), {PublishKind::kFailed, {}, std::move(reason)});
    return;
  }
  // Only here, accepted by the broker, does a task join the ledger: a task the
  // caller was told failed never shows as queued.
  if (p->is_task) ledger_.add(p->body);
  if (p->reply) {
    std::string reply = std::move(*p->reply);
    resolve(std::move(p), {PublishKind::kReply, std::move(reply), {}});
  } else if (p->wait) {
    p->deadline = Clock::now() + *p->wait;
    wait_deadlines_.emplace(p->deadline, p->id);
    std::string id = p->id;
    awaiting_reply_.emplace(std::move(id), std::move(p));
  } else {
    resolve(std::move(p), {PublishKind::kConfirmed, {}, {}});
  }
}

void PublishTracker::on_return(const amqp_message_t& message) {
  if (!(message.properties._flags & AMQP_BASIC_MESSAGE_ID_FLAG)) return;
  auto it = by_id_.find(std::string(view(message.properties.message_id)));
  if (it != by_id_.end()) it->second->returned = true;  // failed when its confirm comes
}

void PublishTracker::on_delivery(const amqp_message_t& message) {
  if (!(message.properties._flags & AMQP_BASIC_CORRELATION_ID_FLAG)) return;
  const std::string correlation_id(view(message.properties.correlation_id));
  auto known = by_id_.find(correlation_id);
  if (known == by_id_.end()) return;  // the caller stopped waiting
  std::string body(view(message.body));
  if (auto it = awaiting_reply_.find(correlation_id); it != awaiting_reply_.end()) {
    std::unique_ptr<PendingPublish> p = std::move(it->second);
    awaiting_reply_.erase(it);
    resolve(std::move(p), {PublishKind::kReply, std::move(body), {}});
  } else {
    known->second->reply = std::move(body);  // the reply beat the confirm
  }
}

void PublishTracker::expire(Clock::time_point now) {
  while (!unconfirmed_.empty() && unconfirmed_.begin()->second->deadline <= now) {
    std::unique_ptr<PendingPublish> p = std::move(unconfirmed_.begin()->second);
    unconfirmed_.erase(unconfirmed_.begin());
    resolve(std::move(p), {PublishKind::kFailed, {}, "confirm_timeout"});
  }
  while (!wait_deadlines_.empty() && wait_deadlines_.begin()->first <= now) {
    auto it = awaiting_reply_.find(wait_deadlines_.begin()->second);
    wait_deadlines_.erase(wait_deadlines_.begin());
    if (it == awaiting_reply_.end()) continue;
    std::unique_ptr<PendingPublish> p = std::move(it->second);
    awaiting_reply_.erase(it);
    resolve(std::move(p), {PublishKind::kWaitTimeout, {}, {}});
  }
}

std::optional<PublishTracker::Clock::time_point> PublishTracker::next_deadline() const {
  std::optional<Clock::time_point> next;
  if (!unconfirmed_.empty()) next = unconfirmed_.begin()->second->deadline;
  if (!wait_deadlines_.empty() && (!next || wait_deadlines_.begin()->first < *next)) {
    next = wait_deadlines_.begin()->first;
  }
  return next;
}

void PublishTracker::drop_connection(const std::string& reason) {
  auto unconfirmed_now = std::move(unconfirmed_);
  unconfirmed_.clear();
  for (auto& [tag, p] : unconfirmed_now) {
    resolve(std::move(p), {PublishKind::kFailed, {}, reason});
  }
  auto waiting_now = std::move(awaiting_reply_);
  awaiting_reply_.clear();
  for (auto& [id, p] : waiting_now) resolve(std::move(p), {PublishKind::kWaitTimeout, {}, {}});
  wait_deadlines_.clear();
  ledger_.reset();
  nacked_ = false;
  by_id_.clear();
  next_tag_ = 1;
}

}  // namespace switchyard::amqp
