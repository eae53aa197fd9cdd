#pragma once
// The one reader of JSON request bodies: every route that reads a JSON body goes
// through parse_json_body (JsonSchema::parse, json_object_body, string_fields).
// It refuses up front what the platform could accept but never store or would
// silently change, so that whatever the API accepts PostgreSQL can hold:
//   - nesting deeper than JsonLimits::max_depth (checked by a linear pre-scan
//     before any recursive code runs: RapidJSON's parser, Document::Accept, the
//     schema validator and Writer all recurse once per level);
//   - U+0000 in a string or key (the \u0000 escape or a raw NUL byte), which
//     PostgreSQL's text and jsonb cannot hold;
//   - an unpaired UTF-16 surrogate escape (\ud800 alone, \udc00 alone), which
//     would become text that is not UTF-8;
//   - bytes that are not UTF-8;
//   - an integer literal outside [-2^63, 2^64-1] (RapidJSON would turn it into a
//     double and lose its digits), a number beyond a double's range (±1.8e308),
//     and a non-zero number so small it would be stored as 0 (below ~2.5e-324).
// Integers within 64 bits stay exact; a literal with a fraction or exponent is
// the correctly rounded IEEE double (as JSON.parse reads it; RapidJSON 1.1's own
// conversion is not used, see json_body.cpp).
#include <rapidjson/document.h>

#include <cstddef>
#include <string_view>

namespace switchyard::api {

struct JsonLimits {
  // Containers ([ or {) open at once: {"a":[1]} is 2 deep. JSON_MAX_DEPTH.
  std::size_t max_depth = 64;
};

// Parses `body` as one JSON value within `limits`. Throws
// AppError(ErrorCode::kValidation) on anything refused: a body that is not JSON
// says "The body is not valid JSON: …"; a refused value says
// "Validation failed: <field> <message>"; both with details
// [{"field": "<dotted path, e.g. payload.items.2>", "message": "…"}] ("the body"
// when no field can be named). Pure: no request, no I/O; thread-safe.
// Cost: one allocation-free pass over the bytes (json_prescan.hpp) before
// RapidJSON's own parse.
rapidjson::Document parse_json_body(std::string_view body, const JsonLimits& limits);

}  // namespace switchyard::api
