#pragma once
// A compiled JSON Schema (draft 4, RapidJSON's validator) that turns a request body
// into a parsed document or a validation AppError whose details name each field:
//   [{"field": "priority", "message": "must be at most 255"}]
// The same schema texts are published in the OpenAPI document.
// Thread-safe: RapidJSON 1.1's compiled schema keeps mutable regex state, so each
// thread validates with its own compiled copy (built on first use).
#include <rapidjson/document.h>
#include <rapidjson/schema.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "http/json_body.hpp"

namespace switchyard::api {

class JsonSchema {
 public:
  // Throws std::runtime_error when `schema_text` is not JSON (a build defect).
  explicit JsonSchema(std::string_view schema_text);

  // Reads `body` with parse_json_body, then validates it; throws
  // AppError(kValidation) naming the field. Routes pass the server's limits
  // (RequestContext::json_limits); the default is JsonLimits' (depth 64).
  rapidjson::Document parse(std::string_view body, const JsonLimits& limits = {}) const;

  const rapidjson::Document& schema_document() const { return schema_json_; }

 private:
  const rapidjson::SchemaDocument& compiled_for_this_thread() const;

  rapidjson::Document schema_json_;
  std::uint64_t id_;  // keys the per-thread copies; never reused, unlike an address
};

}  // namespace switchyard::api
