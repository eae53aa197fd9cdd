#pragma once
// What the tracker does with locks, whatever the door (the REST routes of
// locks.cpp, the gRPC LockService): a take and a release are tracker.* tasks
// settled once stored; reads come from PostgreSQL. A take of a held service
// fails with kConflict (409, ALREADY_EXISTS) naming the holder — of concurrent
// takers exactly one wins, enforced by PostgreSQL. A release is for the caller
// that took the lock (same credentials, or both anonymous) or an admin; the
// worker refuses anyone else (403).
#include <rapidjson/document.h>

#include <string>

#include "db/connection_pool.hpp"
#include "domain/tracker/lock.hpp"
#include "http/awaited_writer.hpp"
#include "storage/tracker/locks_repository.hpp"
#include "tracker/settled.hpp"
#include "tracker/tracker_paging.hpp"

namespace switchyard::api::tracker {

using domain::tracker::Lock;

class LockActions {
 public:
  LockActions(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  // `body`: service and who (required), environment, resource, eventId.
  void take(const rapidjson::Value& body, const std::string& caller, Settled<Lock> done);
  // `done.stored` gets the id.
  void release(const std::string& id, const std::string& caller, bool caller_admin,
               Settled<std::string> done);

  // 400 for an id that is not a UUID, 404 for an unknown one.
  Lock get(const std::string& id) const;
  // Newest first.
  storage::tracker::LockPage page(const Paging& paging) const;

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api::tracker
