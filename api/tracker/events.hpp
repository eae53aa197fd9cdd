#pragma once
// Tracker events (tracker-api.md, EventService): create, update, get, delete,
// list (newest first), search (every documented filter, combinable) and today.
// Writes are tracker.* tasks, awaited, then answered from the stored row; reads
// come from PostgreSQL. Paging: `per_page` and `page` (from 1) as the original;
// `page_token` (the answer's nextPageToken) pages without skips or repeats while
// events are being added.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api::tracker {

class Events {
 public:
  Events(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void create(RequestContext& context);
  void update(RequestContext& context);
  void get(RequestContext& context);
  void remove(RequestContext& context);
  void list(RequestContext& context);
  void search(RequestContext& context);
  void today(RequestContext& context);

 private:
  // Answers {"event": ...} from the stored row of `id`.
  void answer_event(Responder& responder, const std::string& id);

  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api::tracker
