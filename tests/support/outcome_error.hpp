#pragma once
// Reads a TaskOutcome's error ({"type","message"}) in the worker's unit tests.
#include <rapidjson/document.h>

#include <string>

#include "envelope/task_outcome.hpp"

namespace switchyard::testing {

// The error's "type", or "" when the outcome has no readable error.
inline std::string error_type(const envelope::TaskOutcome& outcome) {
  rapidjson::Document doc;
  doc.Parse(outcome.error_json.data(), outcome.error_json.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("type") || !doc["type"].IsString()) {
    return "";
  }
  return doc["type"].GetString();
}

}  // namespace switchyard::testing
