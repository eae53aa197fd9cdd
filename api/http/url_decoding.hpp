#pragma once
// Path and query parameters arrive percent-encoded, and Pistache 0.0.5 hands
// them over raw: `client_name=acme%20eu` must mean "acme eu", as it does for
// every HTTP client library that encodes it.
#include <string>
#include <string_view>

namespace switchyard::api {

// In a query string or a form body '+' is a space; in a path it is itself.
enum class PlusSign { kLiteral, kSpace };

// Well-formed UTF-8 (no overlong forms, no surrogates) without NUL: what a
// PostgreSQL text value can hold.
bool is_utf8_text(std::string_view text);

// %XX escapes decoded; a malformed escape is kept as text.
std::string url_decode(std::string_view text, PlusSign plus);

// The decoded value of parameter `name`; 400 VALIDATION_ERROR naming it when the
// result is not UTF-8 text (stored as text, it would be refused by PostgreSQL).
std::string decoded_parameter(std::string_view name, std::string_view raw, PlusSign plus);

}  // namespace switchyard::api
