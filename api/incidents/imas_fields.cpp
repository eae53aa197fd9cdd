#include "incidents/imas_fields.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"

namespace switchyard::api::incidents {
namespace {

bool same_without_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

const rapidjson::Value* member(const rapidjson::Value& body, const char* field) {
  const auto it = body.FindMember(field);
  return it == body.MemberEnd() ? nullptr : &it->value;
}

// The field's value, or null when absent or JSON null (recorded when required).
const rapidjson::Value* present(const rapidjson::Value& body, const char* field, bool required,
                                FieldErrors& errors) {
  const rapidjson::Value* value = member(body, field);
  if (value == nullptr || value->IsNull()) {
    if (required) {
      errors.add(field,
                 value == nullptr ? "This field is required." : "This field may not be null.");
    }
    return nullptr;
  }
  return value;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void FieldErrors::add(std::string_view field, std::string_view message) {
  errors_.emplace_back(field, message);
}

void FieldErrors::raise_if_any() const {
  if (errors_.empty()) return;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartArray();
  for (const auto& [field, message] : errors_) {
    w.StartObject();
    w.Key("field");
    w.String(field.c_str(), static_cast<rapidjson::SizeType>(field.size()));
    w.Key("message");
    w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
    w.EndObject();
  }
  w.EndArray();
  throw AppError(ErrorCode::kValidation, "Validation failed",
                 {buffer.GetString(), buffer.GetSize()});
}

AppError invalid_field(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kValidation, "Validation failed", field_error(field, message));
}

std::optional<std::string> read_text(const rapidjson::Value& body, const char* field,
                                     const TextRule& rule, FieldErrors& errors) {
  const rapidjson::Value* value = present(body, field, rule.required, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->IsString()) {
    errors.add(field, "Not a valid string.");
    return std::nullopt;
  }
  std::string text(value->GetString(), value->GetStringLength());
  if (text.find('\0') != std::string::npos) {
    errors.add(field, "Null characters are not allowed.");
    return std::nullopt;
  }
  if (!rule.allow_blank && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.add(field, "This field may not be blank.");
    return std::nullopt;
  }
  if (utf8_length(text) > rule.max_length) {
    errors.add(field,
               fmt::format("Ensure this field has no more than {} characters.", rule.max_length));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> tag_name(const rapidjson::Value& value) {
  if (!value.IsString()) return std::nullopt;
  std::string name(value.GetString(), value.GetStringLength());
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = name.find_first_not_of(kSpace);
  if (first == std::string::npos) return std::nullopt;
  name = name.substr(first, name.find_last_not_of(kSpace) + 1 - first);
  if (name.find('\0') != std::string::npos || utf8_length(name) > kTagNameMaxLength) {
    return std::nullopt;
  }
  return name;
}

std::optional<std::string> match_choice(std::string_view value,
                                        const std::vector<std::string_view>& choices) {
  for (const auto choice : choices) {
    if (same_without_case(value, choice)) return std::string(choice);
  }
  return std::nullopt;
}

std::optional<std::string> read_choice(const rapidjson::Value& body, const char* field,
                                       const std::vector<std::string_view>& choices, bool required,
                                       FieldErrors& errors) {
  const rapidjson::Value* value = present(body, field, required, errors);
  if (value == nullptr) return std::nullopt;
  if (value->IsString()) {
    if (auto choice = match_choice({value->GetString(), value->GetStringLength()}, choices)) {
      return choice;
    }
  }
  std::string listed;
  for (const auto choice : choices)
    listed += fmt::format("{}{}", listed.empty() ? "" : ", ", choice);
  errors.add(
      field,
      value->IsString()
          ? fmt::format(
                "\"{}\" is not a valid choice ({}).",
                std::string_view(value->GetString(), value->GetStringLength()).substr(0, 100),
                listed)
          : fmt::format("Not a valid choice ({}).", listed));
  return std::nullopt;
}

std::optional<std::string> read_uuid(const rapidjson::Value& body, const char* field, bool required,
                                     FieldErrors& errors) {
  const rapidjson::Value* value = present(body, field, required, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->IsString() ||
      !envelope::is_valid_uuid({value->GetString(), value->GetStringLength()})) {
    errors.add(field, "Must be a valid UUID.");
    return std::nullopt;
  }
  std::string id(value->GetString(), value->GetStringLength());
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return std::tolower(c); });
  return id;
}

std::optional<std::vector<std::string>> read_uuid_list(const rapidjson::Value& body,
                                                       const char* field, std::size_t max_items,
                                                       FieldErrors& errors) {
  const rapidjson::Value* value = present(body, field, false, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->IsArray()) {
    errors.add(field, "Expected a list of UUIDs.");
    return std::nullopt;
  }
  if (value->Size() > max_items) {
    errors.add(field, fmt::format("Ensure this field has no more than {} elements.", max_items));
    return std::nullopt;
  }
  std::vector<std::string> ids;
  for (const auto& item : value->GetArray()) {
    if (!item.IsString() || !envelope::is_valid_uuid({item.GetString(), item.GetStringLength()})) {
      errors.add(field, "Must be a list of valid UUIDs.");
      return std::nullopt;
    }
    std::string id(item.GetString(), item.GetStringLength());
    std::transform(id.begin(), id.end(), id.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
  }
  return ids;
}

std::optional<std::string> read_datetime(const rapidjson::Value& body, const char* field,
                                         bool required, FieldErrors& errors) {
  const rapidjson::Value* value = present(body, field, required, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->IsString() || value->GetStringLength() > 64 ||
      !is_iso8601({value->GetString(), value->GetStringLength()})) {
    errors.add(
        field,
        "Datetime has wrong format. Use ISO 8601: YYYY-MM-DDThh:mm[:ss[.uuuuuu]]Z or +hh:mm.");
    return std::nullopt;
  }
  return std::string(value->GetString(), value->GetStringLength());
}

std::optional<bool> read_bool(const rapidjson::Value& body, const char* field,
                              FieldErrors& errors) {
  const rapidjson::Value* value = present(body, field, false, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->IsBool()) {
    errors.add(field, "Must be a valid boolean.");
    return std::nullopt;
  }
  return value->GetBool();
}

std::optional<std::int64_t> read_int(const rapidjson::Value& body, const char* field,
                                     std::int64_t min, std::int64_t max, bool required,
                                     FieldErrors& errors) {
  const rapidjson::Value* value = present(body, field, required, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->IsInt64() || value->GetInt64() < min || value->GetInt64() > max) {
    errors.add(field, fmt::format("Ensure this is an integer from {} to {}.", min, max));
    return std::nullopt;
  }
  return value->GetInt64();
}

void refuse_unknown_fields(const rapidjson::Value& body, const std::vector<std::string_view>& known,
                           FieldErrors& errors) {
  for (const auto& m : body.GetObject()) {
    const std::string_view name(m.name.GetString(), m.name.GetStringLength());
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      errors.add(name.substr(0, 100), "Unknown field.");
    }
  }
}

}  // namespace switchyard::api::incidents
