#include "tracker/wire_rows.hpp"

#include "tracker/wire_enums.hpp"

namespace switchyard::api::tracker {

using namespace ::switchyard::tracker;

bool read_event_row(const rapidjson::Value& body, RowWriter& row, bool create) {
  const WireObject event(&body, "");
  const WireObject attributes = event.child("attributes");
  const WireObject links = event.child("links");
  const WireObject metadata = event.child("metadata");
  bool any = false;
  any |= event.string(row, "title", "title", nullptr, create, 500);
  any |= attributes.string(row, "message", "message");
  any |= attributes.string(row, "source", "source", nullptr, false, 200);
  any |= attributes.enumeration(row, "type", kEventType, "type", nullptr, create);
  any |= attributes.enumeration(row, "priority", kEventPriority, "priority");
  any |= attributes.string(row, "related_id", "relatedId", "related_id", false, 200);
  any |= attributes.string(row, "service", "service", nullptr, create, 200);
  any |= attributes.enumeration(row, "status", kEventStatus, "status");
  any |= attributes.enumeration(row, "environment", kEventEnvironment, "environment");
  any |= attributes.boolean(row, "impact", "impact");
  any |= attributes.date(row, "start_date", "startDate", "start_date");
  any |= attributes.date(row, "end_date", "endDate", "end_date");
  any |= attributes.string(row, "owner", "owner", nullptr, false, 200);
  any |= attributes.strings(row, "stake_holders", "stakeHolders", "stake_holders");
  any |= attributes.boolean(row, "notification", "notification");
  any |=
      links.string(row, "pull_request_link", "pullRequestLink", "pull_request_link", false, 2000);
  any |= links.string(row, "ticket", "ticket", nullptr, false, 200);
  any |= metadata.string(row, "slack_id", "slackId", "slack_id", false, 200);
  return any;
}

void read_catalog_row(const rapidjson::Value& body, RowWriter& row) {
  const WireObject entry(&body, "");
  const WireObject sla = entry.child("sla");
  entry.string(row, "name", "name", nullptr, true, 200);
  entry.enumeration(row, "type", kCatalogType, "type", nullptr, true);
  entry.enumeration(row, "languages", kLanguage, "languages");
  entry.string(row, "owner", "owner", nullptr, false, 200);
  entry.string(row, "version", "version", nullptr, false, 100);
  entry.string(row, "link", "link", nullptr, false, 2000);
  entry.string(row, "description", "description");
  entry.string(row, "repository", "repository", nullptr, false, 2000);
  entry.strings(row, "dependencies_in", "dependenciesIn", "dependencies_in");
  entry.strings(row, "dependencies_out", "dependenciesOut", "dependencies_out");
  sla.enumeration(row, "sla_level", kSlaLevel, "level");
  sla.number(row, "sla_uptime_percentage", "uptimePercentage", "uptime_percentage", 0, 100, false);
  sla.number(row, "sla_response_time_ms", "responseTimeMs", "response_time_ms", 0, 3'600'000, true);
  sla.string(row, "sla_description", "description");
}

void read_lock_row(const rapidjson::Value& body, RowWriter& row) {
  const WireObject request(&body, "");
  request.string(row, "service", "service", nullptr, true, 200);
  request.string(row, "who", "who", nullptr, true, 200);
  request.string(row, "environment", "environment", nullptr, false, 200);
  request.string(row, "resource", "resource", nullptr, false, 200);
  request.string(row, "event_id", "eventId", "event_id", false, 200);
}

}  // namespace switchyard::api::tracker
