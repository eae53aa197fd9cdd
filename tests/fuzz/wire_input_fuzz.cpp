// libFuzzer target: the original Tracker's request bodies as the tracker handlers
// read them: the JSON object body (json_object_body's reading, parse_json_body),
// then the field readers of handlers/tracker/wire_input.hpp over the fields of an
// event (create and update), a catalog entry and a lock, as events.cpp, catalog.cpp
// and locks.cpp list them. Each read either fills a row or throws AppError naming
// the field; a complete row is JSON (the worker hands it to jsonb_to_record).
// Findings: any other exception, a crash or sanitizer report, a row that is not JSON.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "errors/app_error.hpp"
#include "fuzz_check.hpp"
#include "handlers/tracker/wire_input.hpp"
#include "http/json_body.hpp"
#include "tracker/wire_enums.hpp"

namespace {

using switchyard::api::tracker::RowWriter;
using switchyard::api::tracker::WireObject;
using switchyard::fuzz::check;
using namespace switchyard::tracker;

void read_event(const rapidjson::Value& body, RowWriter& row, bool create) {
  const WireObject event(&body, "");
  const WireObject attributes = event.child("attributes");
  const WireObject links = event.child("links");
  const WireObject metadata = event.child("metadata");
  event.string(row, "title", "title", nullptr, create, 500);
  attributes.string(row, "message", "message");
  attributes.string(row, "source", "source", nullptr, false, 200);
  attributes.enumeration(row, "type", kEventType, "type", nullptr, create);
  attributes.enumeration(row, "priority", kEventPriority, "priority");
  attributes.string(row, "related_id", "relatedId", "related_id", false, 200);
  attributes.string(row, "service", "service", nullptr, create, 200);
  attributes.enumeration(row, "status", kEventStatus, "status");
  attributes.enumeration(row, "environment", kEventEnvironment, "environment");
  attributes.boolean(row, "impact", "impact");
  attributes.date(row, "start_date", "startDate", "start_date");
  attributes.date(row, "end_date", "endDate", "end_date");
  attributes.string(row, "owner", "owner", nullptr, false, 200);
  attributes.strings(row, "stake_holders", "stakeHolders", "stake_holders");
  attributes.boolean(row, "notification", "notification");
  links.string(row, "pull_request_link", "pullRequestLink", "pull_request_link", false, 2000);
  links.string(row, "ticket", "ticket", nullptr, false, 200);
  metadata.string(row, "slack_id", "slackId", "slack_id", false, 200);
}

void read_catalog(const rapidjson::Value& body, RowWriter& row) {
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
  check(entry.find("name") != nullptr && entry.find("name")->IsString(),
        "a catalog entry was read without a string name");
}

void read_lock(const rapidjson::Value& body, RowWriter& row) {
  const WireObject request(&body, "");
  request.string(row, "service", "service", nullptr, true, 200);
  request.string(row, "who", "who", nullptr, true, 200);
  request.string(row, "environment", "environment", nullptr, false, 200);
  request.string(row, "resource", "resource", nullptr, false, 200);
  request.string(row, "event_id", "eventId", "event_id", false, 200);
}

// One handler's reading into a fresh row; a complete row must be JSON.
void read_row(const std::function<void(RowWriter&)>& read) {
  rapidjson::StringBuffer buffer;
  RowWriter row(buffer);
  row.StartObject();
  try {
    read(row);
  } catch (const switchyard::AppError&) {
    return;
  }
  row.EndObject();
  check(row.IsComplete(), "a row was left incomplete");
  rapidjson::Document parsed;
  parsed.Parse(buffer.GetString(), buffer.GetSize());
  check(!parsed.HasParseError() && parsed.IsObject(), "a row read from a body is not JSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Enum query parameters (?type=, ?status=, ...) read the same names and numbers.
  try {
    switchyard::api::tracker::enum_query(std::string(text), "status", kEventStatus);
  } catch (const switchyard::AppError&) {
  }
  rapidjson::Document body;
  try {
    body = switchyard::api::parse_json_body(text, switchyard::api::JsonLimits{});
  } catch (const switchyard::AppError&) {
    return 0;
  }
  if (!body.IsObject()) return 0;  // json_object_body's 400
  read_row([&](RowWriter& row) { read_event(body, row, true); });
  read_row([&](RowWriter& row) { read_event(body, row, false); });
  read_row([&](RowWriter& row) { read_catalog(body, row); });
  read_row([&](RowWriter& row) { read_lock(body, row); });
  return 0;
}
