#pragma once
// LedgerBatch: the listener's copy of the tasks a TaskPublisher turn got confirmed,
// sent as one message instead of one copy per task (PERFORMANCE.md: the ledger
// copy was ~40 % of the broker's work). The message is a JSON array of the task
// envelopes, published persistent to the ledger queue; the listener turns each item
// into a `queued` row.
// Contract: add() only a task the broker confirmed and did not return, so a task
// the caller was told failed never shows as queued; flush() once per turn, after
// that turn's confirms were read. Publisher thread only.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "amqp/connection.hpp"

namespace switchyard::amqp {

class LedgerBatch {
 public:
  // `envelope_json`: the task's envelope as published.
  void add(std::string_view envelope_json);

  // Publishes the batch, if it holds a task, on `connection`, where `tag` is the
  // delivery tag the message gets, and starts a new batch. Returns whether it
  // published (the caller then counts the tag as used). Throws AmqpError.
  bool flush(Connection& connection, std::uint64_t tag);

  // A confirm for `tag`, or with `multiple` for every tag up to it: settles the
  // ledger messages among them (a nack is logged: those tasks are on their queues
  // but the listener will not see them queued). Returns whether it settled one.
  bool settle(std::uint64_t tag, bool multiple, bool ok);

  // The connection is gone: the batch and the unconfirmed messages are dropped.
  void reset();

 private:
  std::string message_ = "[";  // the JSON array being built; its buffer is reused
  std::size_t count_ = 0;
  std::map<std::uint64_t, std::size_t> unconfirmed_;  // tag → tasks in that message
};

}  // namespace switchyard::amqp
