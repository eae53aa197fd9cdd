#include "http/json_schema.hpp"

#include <fmt/format.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "errors/app_error.hpp"

namespace switchyard::api {
namespace {

std::string pointer_text(const rapidjson::Pointer& pointer) {
  rapidjson::StringBuffer buffer;
  pointer.Stringify(buffer);
  std::string text(buffer.GetString(), buffer.GetSize());
  if (!text.empty() && text.front() == '/') text.erase(0, 1);
  for (auto& c : text) {
    if (c == '/') c = '.';
  }
  return text;
}

std::string value_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  value.Accept(w);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string join_field(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : parent + "." + name;
}

struct FieldError {
  std::string field;
  std::string message;
};

// Explains the first violation RapidJSON 1.1 reports (keyword + pointers) in words.
FieldError explain(const rapidjson::SchemaValidator& validator, const rapidjson::Value& schema_root,
                   const rapidjson::Value& document) {
  const std::string keyword = validator.GetInvalidSchemaKeyword();
  const std::string at = pointer_text(validator.GetInvalidDocumentPointer());
  const rapidjson::Value* schema = validator.GetInvalidSchemaPointer().Get(schema_root);
  const rapidjson::Value* value = validator.GetInvalidDocumentPointer().Get(document);
  auto rule = [&](const char* name) -> std::string {
    if (schema == nullptr || !schema->IsObject() || !schema->HasMember(name)) return "?";
    return value_text((*schema)[name]);
  };
  if (keyword == "required" && schema && value && value->IsObject()) {
    for (const auto& name : (*schema)["required"].GetArray()) {
      if (!value->HasMember(name)) {
        return {join_field(at, name.GetString()), "is required"};
      }
    }
  }
  if (keyword == "additionalProperties" && value && !value->IsObject()) {
    return {at, "is not a known field"};  // RapidJSON points at the extra member itself
  }
  if (keyword == "additionalProperties" && schema && value && value->IsObject()) {
    const auto properties = schema->FindMember("properties");
    for (const auto& member : value->GetObject()) {
      if (properties == schema->MemberEnd() || !properties->value.HasMember(member.name)) {
        return {join_field(at, member.name.GetString()), "is not a known field"};
      }
    }
  }
  if (keyword == "type") {
    std::string type = rule("type");
    type.erase(std::remove(type.begin(), type.end(), '"'), type.end());
    return {at, fmt::format("must be of type {}", type)};
  }
  if (keyword == "minimum") return {at, fmt::format("must be at least {}", rule("minimum"))};
  if (keyword == "maximum") return {at, fmt::format("must be at most {}", rule("maximum"))};
  if (keyword == "minLength") {
    return {at, fmt::format("must be at least {} characters long", rule("minLength"))};
  }
  if (keyword == "maxLength") {
    return {at, fmt::format("must be at most {} characters long", rule("maxLength"))};
  }
  if (keyword == "minItems")
    return {at, fmt::format("must have at least {} items", rule("minItems"))};
  if (keyword == "maxItems")
    return {at, fmt::format("must have at most {} items", rule("maxItems"))};
  if (keyword == "pattern") return {at, fmt::format("must match {}", rule("pattern"))};
  if (keyword == "enum") return {at, fmt::format("must be one of {}", rule("enum"))};
  if (keyword == "format") return {at, fmt::format("must be a valid {}", rule("format"))};
  return {at, fmt::format("breaks the schema rule \"{}\"", keyword)};
}

std::string details_json(const FieldError& error) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartArray();
  w.StartObject();
  w.Key("field");
  w.String(error.field.c_str(), static_cast<rapidjson::SizeType>(error.field.size()));
  w.Key("message");
  w.String(error.message.c_str(), static_cast<rapidjson::SizeType>(error.message.size()));
  w.EndObject();
  w.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

JsonSchema::JsonSchema(std::string_view schema_text) {
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id.fetch_add(1);
  schema_json_.Parse(schema_text.data(), schema_text.size());
  if (schema_json_.HasParseError()) throw std::runtime_error("invalid JSON schema text");
}

const rapidjson::SchemaDocument& JsonSchema::compiled_for_this_thread() const {
  thread_local std::unordered_map<std::uint64_t, std::unique_ptr<rapidjson::SchemaDocument>> cache;
  auto& compiled = cache[id_];
  if (!compiled) compiled = std::make_unique<rapidjson::SchemaDocument>(schema_json_);
  return *compiled;
}

rapidjson::Document JsonSchema::parse(std::string_view body, const JsonLimits& limits) const {
  // The depth limit is what makes the recursive validator below safe.
  rapidjson::Document document = parse_json_body(body, limits);
  rapidjson::SchemaValidator validator(compiled_for_this_thread());
  if (!document.Accept(validator)) {
    const FieldError error = explain(validator, schema_json_, document);
    const std::string field = error.field.empty() ? "the body" : error.field;
    throw AppError(ErrorCode::kValidation,
                   fmt::format("Validation failed: {} {}", field, error.message),
                   details_json({field, error.message}));
  }
  return document;
}

}  // namespace switchyard::api
