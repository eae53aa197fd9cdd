// libFuzzer target: the original Tracker's request bodies as the tracker handlers
// read them: the JSON object body (json_object_body's reading, parse_json_body),
// then the handlers' own row readers (handlers/tracker/wire_rows.hpp) for an event
// (create and update), a catalog entry and a lock. Each read either fills a row or throws AppError
// naming the field; a complete row is JSON (the worker hands it to jsonb_to_record). Findings: any
// other exception, a crash or sanitizer report, a row that is not JSON.
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
#include "http/json_body.hpp"
#include "tracker/wire_enums.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_rows.hpp"

namespace {

using switchyard::api::tracker::RowWriter;
using namespace switchyard::api::tracker;
using switchyard::fuzz::check;
using namespace switchyard::tracker;

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
  read_row([&](RowWriter& row) { read_event_row(body, row, true); });
  read_row([&](RowWriter& row) { read_event_row(body, row, false); });
  read_row([&](RowWriter& row) {
    read_catalog_row(body, row);
    check(body["name"].IsString(), "a catalog entry was read without a string name");
  });
  read_row([&](RowWriter& row) { read_lock_row(body, row); });
  return 0;
}
