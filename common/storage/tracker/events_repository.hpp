#pragma once
// SQL of tracker events (migrations/0005), read and written as
// domain::tracker::Event (its fields listed once, by for_each_field). Writers are
// tracker.* task handlers; the API reads.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/tracker/event.hpp"
#include "storage/sql_statement.hpp"

namespace switchyard::storage::tracker {

using domain::tracker::Event;

// Inserts `event` (its id chosen by the API); false when that id exists already
// (a redelivered task), whose row is kept as it was.
bool insert_event(pqxx::transaction_base& tx, const Event& event);
// Writes the fields an update may change (all but id, created_by, created_at) of
// the event with `event.id`; false when there is none.
bool update_event(pqxx::transaction_base& tx, const Event& event);
bool delete_event(pqxx::transaction_base& tx, const std::string& id);

std::optional<Event> find_event(pqxx::transaction_base& tx, const std::string& id);
// The same, the row locked until the transaction ends: an update reads, changes
// and writes it back without losing a concurrent update's fields.
std::optional<Event> find_event_for_update(pqxx::transaction_base& tx, const std::string& id);

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
  std::vector<Event> events;  // newest first
  std::int64_t total = 0;     // matching events in all pages
};

// Newest first. `before_id`: only events older than it (stable paging while
// events are added); else `offset` rows are skipped.
EventPage list_events(pqxx::transaction_base& tx, const EventFilter& filter, int limit, int offset,
                      const std::optional<std::string>& before_id);

// The two statements list_events runs (tests EXPLAIN them): the total (from the
// trigger-kept total when there is no filter) and the page.
struct EventStatements {
  SqlStatement count;
  SqlStatement page;
};
EventStatements event_list_statements(const EventFilter& filter, int limit, int offset,
                                      const std::optional<std::string>& before_id);

}  // namespace switchyard::storage::tracker
