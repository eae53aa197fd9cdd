#pragma once
// What the tracker does with events, whatever the door (the REST routes of
// events.cpp, the gRPC EventService): writes are tracker.* tasks published
// through the AwaitedWriter and settled with the stored row; reads come from
// PostgreSQL. Input arrives in the original's JSON (the protobuf JSON mapping,
// read by wire_rows), so both doors validate alike: AppError(kValidation) naming
// the field, before anything is published (a write settles `done.failed` with
// it, a read throws it).
#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "db/connection_pool.hpp"
#include "domain/tracker/event.hpp"
#include "http/awaited_writer.hpp"
#include "storage/tracker/events_repository.hpp"
#include "tracker/settled.hpp"
#include "tracker/tracker_paging.hpp"

namespace switchyard::api::tracker {

using domain::tracker::Event;

class EventActions {
 public:
  EventActions(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  // `body`: title, attributes, links, metadata (title, type and service required).
  void create(const rapidjson::Value& body, const std::string& caller, Settled<Event> done);
  // `body`: the id (top level, or metadata.id) and at least one field to change.
  void update(const rapidjson::Value& body, const std::string& caller, Settled<Event> done);
  // `done.stored` gets the id.
  void remove(const std::string& id, const std::string& caller, Settled<std::string> done);

  // 400 for an id that is not a UUID, 404 for an unknown one.
  Event get(const std::string& id) const;
  // Newest first; `page_token` (a previous page's last id) pages without skips
  // or repeats, else `paging`'s offset.
  storage::tracker::EventPage page(const storage::tracker::EventFilter& filter,
                                   const Paging& paging,
                                   const std::optional<std::string>& page_token) const;

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

// 400 unless `id` is a UUID.
void require_event_id(const std::string& id);
// A search bound: 400 unless absent or an ISO 8601 date or date-time.
std::optional<std::string> checked_date(std::optional<std::string> value, const char* name);

}  // namespace switchyard::api::tracker
