#pragma once
// Reading what a request carries, with the documented 4xx on bad input: query
// parameters (pagination, filters), JSON or form-encoded bodies (xcore's login
// accepts both), path ids. Shared by every surface's handlers.
#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "request_context.hpp"

namespace switchyard::api {

// [{"field": field, "message": message}], the details of a validation error.
std::string field_error(std::string_view field, std::string_view message);

// An integer query parameter in [min, max], `fallback` when absent; 422 otherwise.
int query_int(const RequestContext& context, const std::string& name, int fallback, int min,
              int max);
// true/false (also 1/0); nullopt when absent; 422 otherwise.
std::optional<bool> query_bool(const RequestContext& context, const std::string& name);

// A positive integer path parameter (e.g. :role_id); 404 when it is not one.
std::int64_t path_id(const RequestContext& context, const std::string& name);

// The path parameter `name` (declared as :name in the route), percent-decoded;
// 400 when that is not UTF-8 text.
std::string path_string(const RequestContext& context, const std::string& name);

// The string fields of a JSON object body, or of an
// application/x-www-form-urlencoded body. 400 when the body is neither, or holds
// what parse_json_body / parse_form refuse.
std::map<std::string, std::string> string_fields(const RequestContext& context);

// application/x-www-form-urlencoded → fields (later duplicates win); 400 naming
// the field when a decoded name or value is not UTF-8 text or holds NUL.
std::map<std::string, std::string> parse_form(std::string_view body);

// ISO 8601 date or date-time (with offset or Z), as PostgreSQL's timestamptz reads it.
bool is_iso8601(const std::string& text);

// A JSON object body read by parse_json_body within the server's JsonLimits;
// 400 when it is not one or is refused there.
rapidjson::Document json_object_body(const RequestContext& context);

}  // namespace switchyard::api
