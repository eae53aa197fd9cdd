#pragma once
// SQL of tracker events (migrations/0005). Rows travel as JSON objects with the
// table's column names (snake_case, enum numbers, RFC 3339 times); the wire shape
// of the original Tracker is made from them by tracker/wire_json. Writers are
// tracker.* task handlers; the API reads.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::tracker {

// Inserts the event of `row_json` (its id chosen by the API); false when that id
// exists already (a redelivered task).
bool insert_event(pqxx::transaction_base& tx, const std::string& row_json);
// Sets the columns present in `changes_json` on event `id`; false when unknown.
bool update_event(pqxx::transaction_base& tx, const std::string& id,
                  const std::string& changes_json);
bool delete_event(pqxx::transaction_base& tx, const std::string& id);

std::optional<std::string> find_event(pqxx::transaction_base& tx, const std::string& id);

struct EventFilter {
  std::optional<std::string> source;
  std::optional<int> type;
  std::optional<int> priority;
  std::optional<int> status;
  std::optional<std::string> service;
  std::optional<int> environment;
  std::optional<bool> impact;
  std::optional<std::string> start_date;  // events starting at or after (or created, if none)
  std::optional<std::string> end_date;    // ... at or before
  bool today = false;                     // created since midnight UTC
};

struct EventPage {
  std::vector<std::string> rows;  // newest first
  std::int64_t total = 0;         // matching events in all pages
};

// Newest first. `before_id`: only events older than it (stable paging while
// events are added); else `offset` rows are skipped.
EventPage list_events(pqxx::transaction_base& tx, const EventFilter& filter, int limit, int offset,
                      const std::optional<std::string>& before_id);

}  // namespace switchyard::storage::tracker
