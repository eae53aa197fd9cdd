#pragma once
// Reading an IMAS request body the way the document's Django REST framework
// serializers do: every field is checked, and all the problems found are answered
// at once as 400 {"error": "Validation failed", "details": {"field": ["message"]}}.
// Text never holds NUL characters (PostgreSQL cannot store them) and is at most
// its field's length.
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errors/app_error.hpp"

namespace switchyard::api::incidents {

class FieldErrors {
 public:
  void add(std::string_view field, std::string_view message);
  bool empty() const { return errors_.empty(); }
  // Throws the 400 when a problem was found.
  void raise_if_any() const;

 private:
  std::vector<std::pair<std::string, std::string>> errors_;
};

// The 400 of one field, for checks outside a body (a query parameter).
AppError invalid_field(std::string_view field, std::string_view message);

struct TextRule {
  bool required = false;
  std::size_t max_length = 10000;  // characters
  bool allow_blank = true;         // "" (or only spaces) is a value
};

// Each reader returns nullopt when the field is absent (or null, when the rule
// allows it) or wrong; a wrong one is recorded in `errors`. `required` absent
// fields are recorded too.
std::optional<std::string> read_text(const rapidjson::Value& body, const char* field,
                                     const TextRule& rule, FieldErrors& errors);
// One of `choices`, compared without case ("sev1_critical" is SEV1_CRITICAL);
// returns the choice as written in `choices`.
std::optional<std::string> read_choice(const rapidjson::Value& body, const char* field,
                                       const std::vector<std::string_view>& choices, bool required,
                                       FieldErrors& errors);
std::optional<std::string> read_uuid(const rapidjson::Value& body, const char* field, bool required,
                                     FieldErrors& errors);
// A list of UUIDs, each once (duplicates dropped), at most `max_items`.
std::optional<std::vector<std::string>> read_uuid_list(const rapidjson::Value& body,
                                                       const char* field, std::size_t max_items,
                                                       FieldErrors& errors);
// An ISO 8601 date-time with its offset ("2026-02-05T18:25:00Z").
std::optional<std::string> read_datetime(const rapidjson::Value& body, const char* field,
                                         bool required, FieldErrors& errors);
std::optional<bool> read_bool(const rapidjson::Value& body, const char* field, FieldErrors& errors);
std::optional<std::int64_t> read_int(const rapidjson::Value& body, const char* field,
                                     std::int64_t min, std::int64_t max, bool required,
                                     FieldErrors& errors);

// A tag's name, as the tag catalog and POST /api/v1/incidents/{id}/tags/ both
// take it: a string without NUL, its surrounding whitespace dropped (as Django
// REST framework's CharField does), 1 to 100 characters; nullopt otherwise.
std::optional<std::string> tag_name(const rapidjson::Value& value);
inline constexpr std::size_t kTagNameMaxLength = 100;

// Characters of UTF-8 `text` (the API's JSON parser has checked the encoding).
std::size_t utf8_length(std::string_view text);

// One of `choices` without case, for a query parameter; its canonical spelling.
std::optional<std::string> match_choice(std::string_view value,
                                        const std::vector<std::string_view>& choices);

// Fields of `body` not in `known`, each recorded as "Unknown field." — a typo in
// a field name is an error, not a silent default.
void refuse_unknown_fields(const rapidjson::Value& body, const std::vector<std::string_view>& known,
                           FieldErrors& errors);

}  // namespace switchyard::api::incidents
