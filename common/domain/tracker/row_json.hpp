#pragma once
// The tracker's task payloads and results between the API and the worker: records
// as JSON objects keyed by their fields' names (for_each_field of
// domain/tracker/*), enums as numbers, times as text. The API writes them
// (api/tracker/wire_rows), the worker reads them into the domain structs here.
#include <rapidjson/document.h>

#include <stdexcept>
#include <string>

#include "domain/tracker/catalog_entry.hpp"
#include "domain/tracker/event.hpp"
#include "domain/tracker/lock.hpp"

namespace switchyard::domain::tracker {

// A member of the wrong type; what() is "<name> must be <what it must be>".
class RowError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The event of a create_event payload: every field but created_at. Throws RowError.
Event event_from_row(const rapidjson::Value& row);
// Sets on `event` the fields an update may change (kField, kTime) that `changes`
// names; returns whether it named any. Throws RowError.
bool apply_event_changes(const rapidjson::Value& changes, Event& event);
// The entry of a put_catalog payload. Throws RowError.
CatalogEntry catalog_entry_from_row(const rapidjson::Value& row);
// The lock of a take_lock payload, or of its result. Throws RowError.
Lock lock_from_row(const rapidjson::Value& row);

// A take_lock result's lock: every field but taken_by (who holds a lock is not
// told to whoever asks for it).
std::string lock_result_row(const Lock& lock);

}  // namespace switchyard::domain::tracker
