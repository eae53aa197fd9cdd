#include "domain/tracker/row_json.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <vector>

namespace switchyard::domain::tracker {
namespace {

using ::switchyard::domain::FieldKind;

[[noreturn]] void fail(const char* name, const char* expected) {
  throw RowError(std::string(name) + " must be " + expected);
}

void read(const rapidjson::Value& v, const char* name, std::string& value) {
  if (!v.IsString()) fail(name, "a string");
  value.assign(v.GetString(), v.GetStringLength());
}
void read(const rapidjson::Value& v, const char* name, std::optional<std::string>& value) {
  if (v.IsNull()) {
    value.reset();
    return;
  }
  if (!v.IsString()) fail(name, "a string or null");
  value.emplace(v.GetString(), v.GetStringLength());
}
void read(const rapidjson::Value& v, const char* name, int& value) {
  if (!v.IsInt()) fail(name, "an integer");
  value = v.GetInt();
}
void read(const rapidjson::Value& v, const char* name, double& value) {
  if (!v.IsNumber()) fail(name, "a number");
  value = v.GetDouble();
}
void read(const rapidjson::Value& v, const char* name, bool& value) {
  if (!v.IsBool()) fail(name, "true or false");
  value = v.GetBool();
}
void read(const rapidjson::Value& v, const char* name, std::vector<std::string>& value) {
  if (!v.IsArray()) fail(name, "an array of strings");
  value.clear();
  for (const auto& item : v.GetArray()) {
    if (!item.IsString()) fail(name, "an array of strings");
    value.emplace_back(item.GetString(), item.GetStringLength());
  }
}

// Sets the members of `record` whose kind `wanted` accepts and that `row` names;
// returns whether it named any.
template <class Record, class Wanted>
bool read_fields(const rapidjson::Value& row, Record& record, Wanted wanted) {
  if (!row.IsObject()) throw RowError("the row must be an object");
  bool any = false;
  for_each_field(record, [&](const char* name, auto& value, FieldKind kind) {
    if (!wanted(kind)) return;
    const auto it = row.FindMember(name);
    if (it == row.MemberEnd()) return;
    read(it->value, name, value);
    any = true;
  });
  return any;
}

bool written(FieldKind kind) { return kind != FieldKind::kMadeTime; }

}  // namespace

Event event_from_row(const rapidjson::Value& row) {
  Event event;
  read_fields(row, event, written);
  return event;
}

bool apply_event_changes(const rapidjson::Value& changes, Event& event) {
  return read_fields(changes, event, [](FieldKind kind) {
    return kind == FieldKind::kField || kind == FieldKind::kTime;
  });
}

CatalogEntry catalog_entry_from_row(const rapidjson::Value& row) {
  CatalogEntry entry;
  read_fields(row, entry, written);
  return entry;
}

Lock lock_from_row(const rapidjson::Value& row) {
  Lock lock;
  read_fields(row, lock, [](FieldKind) { return true; });
  return lock;
}

std::string lock_result_row(const Lock& lock) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for_each_field(lock, [&](const char* name, const std::string& value, FieldKind kind) {
    if (kind == FieldKind::kInsertOnly) return;  // taken_by
    w.Key(name);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  });
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace switchyard::domain::tracker
