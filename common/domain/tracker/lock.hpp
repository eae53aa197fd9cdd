#pragma once
// A tracker lock (tracker-api.md): at most one per service (migrations/0005).
#include <concepts>
#include <string>
#include <type_traits>

#include "domain/field_kind.hpp"

namespace switchyard::domain::tracker {

struct Lock {
  std::string id;  // a UUID chosen by the API
  std::string service;
  std::string who;  // free text any caller may write: not the holder
  std::string environment;
  std::string resource;
  std::string event_id;
  // The holder, who may release it: the taking task's submitted_by ('' for a lock
  // older than migrations/0012).
  std::string taken_by;
  std::string created_at;  // set by the database; ignored when written
};

// Every field of a Lock (R const or not; domain/field_kind.hpp), named as its
// column and as its task payload key.
template <class R, class F>
requires std::same_as<std::remove_const_t<R>, Lock>
void for_each_field(R& lock, F&& f) {
  using ::switchyard::domain::FieldKind;
  f("id", lock.id, FieldKind::kKey);
  f("service", lock.service, FieldKind::kField);
  f("who", lock.who, FieldKind::kField);
  f("environment", lock.environment, FieldKind::kField);
  f("resource", lock.resource, FieldKind::kField);
  f("event_id", lock.event_id, FieldKind::kField);
  f("taken_by", lock.taken_by, FieldKind::kInsertOnly);
  f("created_at", lock.created_at, FieldKind::kMadeTime);
}

}  // namespace switchyard::domain::tracker
