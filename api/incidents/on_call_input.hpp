#pragma once
// A team's on-call rotation as a write gives it (`on_call` of POST/PUT/PATCH
// /api/v1/teams/): {time_zone (an IANA name), rotation_start (local wall-clock
// "YYYY-MM-DDTHH:MM[:SS]", or null: no rotation yet), shift_days (1..366),
// members (user ids in turn order, each once, at most 100; {"id": ...} objects
// as the detail shows them are taken too)}. Checked here without
// the database; the time zone and the users are checked against it by Teams.
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

struct OnCallInput {
  // Each set when the write changes it; a full write (POST, PUT) sets them all.
  std::optional<std::string> time_zone;
  bool sets_rotation_start = false;
  std::optional<std::string> rotation_start;  // "YYYY-MM-DDTHH:MM:SS"; nullopt: none
  std::optional<std::int64_t> shift_days;
  std::optional<std::vector<std::int64_t>> members;

  Payload payload() const;
};

// The `on_call` object of `body` (errors named on_call.<field>); nullopt when the
// write leaves the rotation as it is (a PATCH without it) or it is wrong.
std::optional<OnCallInput> read_on_call(const rapidjson::Value& body, WriteMode mode,
                                        FieldErrors& errors);

// "YYYY-MM-DDTHH:MM[:SS]" naming a real date and time → "YYYY-MM-DDTHH:MM:SS".
std::optional<std::string> local_date_time(const std::string& text);

}  // namespace switchyard::api::incidents
