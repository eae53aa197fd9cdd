#pragma once
// The original Tracker's JSON shapes (tracker-wire-format.md: protobuf JSON
// mapping, lowerCamelCase, enum names) made from stored rows (JSON objects with
// the column names, see storage/tracker). The one place those shapes are written.
#include <string>

namespace switchyard::tracker {

// {"title","attributes":{...},"links":{...},"metadata":{...}}
std::string event_to_wire(const std::string& row_json);
// {"name","type","languages",...,"sla":{...},"createdAt","updatedAt"}
std::string catalog_to_wire(const std::string& row_json);
// {"id","service","who","environment","resource","eventId","createdAt"}
std::string lock_to_wire(const std::string& row_json);

}  // namespace switchyard::tracker
