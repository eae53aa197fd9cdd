#include "amqp/ledger_batch.hpp"

#include <spdlog/spdlog.h>

#include "amqp/topology.hpp"

namespace switchyard::amqp {

void LedgerBatch::add(std::string_view envelope_json) {
  if (count_++ > 0) message_.push_back(',');
  message_.append(envelope_json);
}

bool LedgerBatch::flush(Connection& connection, std::uint64_t tag) {
  if (count_ == 0) return false;
  message_.push_back(']');
  connection.publish("", kLedgerQueue, message_, MessageProperties{});
  unconfirmed_.emplace(tag, count_);
  message_ = "[";
  count_ = 0;
  return true;
}

bool LedgerBatch::settle(std::uint64_t tag, bool multiple, bool ok) {
  auto first = multiple ? unconfirmed_.begin() : unconfirmed_.find(tag);
  auto last = first;
  if (multiple) {
    last = unconfirmed_.upper_bound(tag);
  } else if (first != unconfirmed_.end()) {
    last = std::next(first);
  }
  if (first == last) return false;
  if (!ok) {
    for (auto it = first; it != last; ++it) {
      spdlog::error("broker nacked a ledger batch of {} tasks", it->second);
    }
  }
  unconfirmed_.erase(first, last);
  return true;
}

void LedgerBatch::reset() {
  message_ = "[";
  count_ = 0;
  unconfirmed_.clear();
}

}  // namespace switchyard::amqp
