#pragma once
// Tracker events over REST (tracker-api.md, EventService's gateway routes):
// create, update, get, delete, list (newest first), search (every documented
// filter, combinable) and today, in the original's JSON. What they do is
// EventActions' (shared with the gRPC door); this reads the requests and writes
// the answers. Paging: `per_page` and `page` (from 1) as the original;
// `page_token` (the answer's nextPageToken) pages without skips or repeats while
// events are being added.
#include "request_context.hpp"
#include "tracker/event_actions.hpp"

namespace switchyard::api::tracker {

class Events {
 public:
  explicit Events(EventActions& actions) : actions_(actions) {}

  void create(RequestContext& context);
  void update(RequestContext& context);
  void get(RequestContext& context);
  void remove(RequestContext& context);
  void list(RequestContext& context);
  void search(RequestContext& context);
  void today(RequestContext& context);

 private:
  void answer_page(RequestContext& context, const storage::tracker::EventFilter& filter);

  EventActions& actions_;
};

}  // namespace switchyard::api::tracker
