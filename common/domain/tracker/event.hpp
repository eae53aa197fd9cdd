#pragma once
// A tracker event (tracker-api.md), as stored (migrations/0005): enums as the
// numbers of the original Tracker's protobuf (tracker/wire_enums; 0 is unset),
// times as RFC 3339 text.
#include <concepts>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/field_kind.hpp"

namespace switchyard::domain::tracker {

struct Event {
  std::string id;  // a UUID chosen by the API

  // What a create sets and an update may change.
  std::string title;
  std::string message;
  std::string source;
  int type = 0;
  int priority = 0;
  std::string related_id;
  std::string service;
  int status = 0;
  int environment = 0;
  bool impact = false;
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
  std::string owner;
  std::vector<std::string> stake_holders;
  bool notification = false;
  std::string pull_request_link;
  std::string ticket;
  std::string slack_id;

  std::string created_by;  // the caller that created it
  std::string created_at;  // set by the database; ignored when written
};

// Every field of an Event (R const or not; domain/field_kind.hpp), named as its
// column and as its task payload key.
template <class R, class F>
requires std::same_as<std::remove_const_t<R>, Event>
void for_each_field(R& event, F&& f) {
  using ::switchyard::domain::FieldKind;
  f("id", event.id, FieldKind::kKey);
  f("title", event.title, FieldKind::kField);
  f("message", event.message, FieldKind::kField);
  f("source", event.source, FieldKind::kField);
  f("type", event.type, FieldKind::kField);
  f("priority", event.priority, FieldKind::kField);
  f("related_id", event.related_id, FieldKind::kField);
  f("service", event.service, FieldKind::kField);
  f("status", event.status, FieldKind::kField);
  f("environment", event.environment, FieldKind::kField);
  f("impact", event.impact, FieldKind::kField);
  f("start_date", event.start_date, FieldKind::kTime);
  f("end_date", event.end_date, FieldKind::kTime);
  f("owner", event.owner, FieldKind::kField);
  f("stake_holders", event.stake_holders, FieldKind::kField);
  f("notification", event.notification, FieldKind::kField);
  f("pull_request_link", event.pull_request_link, FieldKind::kField);
  f("ticket", event.ticket, FieldKind::kField);
  f("slack_id", event.slack_id, FieldKind::kField);
  f("created_by", event.created_by, FieldKind::kInsertOnly);
  f("created_at", event.created_at, FieldKind::kMadeTime);
}

}  // namespace switchyard::domain::tracker
