#pragma once
// Tracker locks over REST (tracker-api.md, LockService's gateway routes): POST
// takes the lock of a service (409 with the holder in details[0].lock when it is
// held), GET /lock/{id}, GET /unlock/{id} releases, and the list. What they do is
// LockActions' (shared with the gRPC door); this reads the requests and writes
// the answers.
#include "request_context.hpp"
#include "tracker/lock_actions.hpp"

namespace switchyard::api::tracker {

class Locks {
 public:
  explicit Locks(LockActions& actions) : actions_(actions) {}

  void take(RequestContext& context);
  void get(RequestContext& context);
  void release(RequestContext& context);
  void list(RequestContext& context);

 private:
  LockActions& actions_;
};

}  // namespace switchyard::api::tracker
