#pragma once
// A tracker catalog entry (tracker-api.md), keyed by name, as stored
// (migrations/0005): enums as protobuf numbers (tracker/wire_enums; 0 is unset),
// times as RFC 3339 text.
#include <concepts>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/field_kind.hpp"

namespace switchyard::domain::tracker {

struct CatalogEntry {
  std::string name;
  int type = 0;
  int languages = 0;
  std::string owner;
  std::string version;
  std::string link;
  std::string description;
  std::string repository;
  std::vector<std::string> dependencies_in;
  std::vector<std::string> dependencies_out;
  int sla_level = 0;
  double sla_uptime_percentage = 0;
  int sla_response_time_ms = 0;
  std::string sla_description;

  std::string created_at;  // set by the database; ignored when written
  std::string updated_at;  // ditto
};

// Every field of a CatalogEntry (R const or not; domain/field_kind.hpp), named as its
// column and as its task payload key.
template <class R, class F>
requires std::same_as<std::remove_const_t<R>, CatalogEntry>
void for_each_field(R& entry, F&& f) {
  using ::switchyard::domain::FieldKind;
  f("name", entry.name, FieldKind::kKey);
  f("type", entry.type, FieldKind::kField);
  f("languages", entry.languages, FieldKind::kField);
  f("owner", entry.owner, FieldKind::kField);
  f("version", entry.version, FieldKind::kField);
  f("link", entry.link, FieldKind::kField);
  f("description", entry.description, FieldKind::kField);
  f("repository", entry.repository, FieldKind::kField);
  f("dependencies_in", entry.dependencies_in, FieldKind::kField);
  f("dependencies_out", entry.dependencies_out, FieldKind::kField);
  f("sla_level", entry.sla_level, FieldKind::kField);
  f("sla_uptime_percentage", entry.sla_uptime_percentage, FieldKind::kField);
  f("sla_response_time_ms", entry.sla_response_time_ms, FieldKind::kField);
  f("sla_description", entry.sla_description, FieldKind::kField);
  f("created_at", entry.created_at, FieldKind::kMadeTime);
  f("updated_at", entry.updated_at, FieldKind::kMadeTime);
}

}  // namespace switchyard::domain::tracker
