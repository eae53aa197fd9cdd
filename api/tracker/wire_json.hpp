#pragma once
// The original Tracker's JSON shapes (tracker-wire-format.md: protobuf JSON
// mapping, lowerCamelCase, enum names) made from the domain records
// (domain/tracker). The one place those shapes are written.
#include <string>

#include "domain/tracker/catalog_entry.hpp"
#include "domain/tracker/event.hpp"
#include "domain/tracker/lock.hpp"

namespace switchyard::tracker {

// {"title","attributes":{...},"links":{...},"metadata":{...}}
std::string event_to_wire(const domain::tracker::Event& event);
// {"name","type","languages",...,"sla":{...},"createdAt","updatedAt"}
std::string catalog_to_wire(const domain::tracker::CatalogEntry& entry);
// {"id","service","who","environment","resource","eventId","createdAt"}
std::string lock_to_wire(const domain::tracker::Lock& lock);

}  // namespace switchyard::tracker
