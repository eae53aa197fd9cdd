#pragma once
// The fields of each tracker write as the original Tracker's clients send them
// (lowerCamelCase or snake_case, enum names or numbers) read into the row the
// tracker worker stores: one list per resource, used by its handler and by the
// wire_input fuzz target. Each throws AppError(kValidation) naming the field.
#include <rapidjson/document.h>

#include "tracker/wire_input.hpp"

namespace switchyard::api::tracker {

// An event; `create` requires title, type and service. Returns whether any field
// was present.
bool read_event_row(const rapidjson::Value& body, RowWriter& row, bool create);
// A catalog entry (name and type required).
void read_catalog_row(const rapidjson::Value& body, RowWriter& row);
// A lock request (service and who required).
void read_lock_row(const rapidjson::Value& body, RowWriter& row);

}  // namespace switchyard::api::tracker
