#pragma once
// SQL of the slave's outbox (migrations/0007): releases recorded here wait in
// release_forwards until the master took them. Enqueued in the transaction that
// records the release; drained in id order by the listener's master sync.
#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "storage/releases/releases_repository.hpp"

namespace switchyard::storage::releases {

void enqueue_forward(pqxx::transaction_base& tx, const Component& component, const Image& image);

struct PendingForward {
  std::int64_t id = 0;
  Component component;  // client and env are in `body`
  std::string body;     // JSON of the PUT /api/collect/... body
  int attempts = 0;
};

// The oldest releases not yet taken by the master, nor refused by it.
std::vector<PendingForward> pending_forwards(pqxx::transaction_base& tx, int limit);

void forward_delivered(pqxx::transaction_base& tx, std::int64_t id);
// A failed attempt, to retry: counted, with the reason.
void forward_failed(pqxx::transaction_base& tx, std::int64_t id, const std::string& error);
// The master refused it for good: set aside, not sent again.
void forward_refused(pqxx::transaction_base& tx, std::int64_t id, const std::string& error);

}  // namespace switchyard::storage::releases
