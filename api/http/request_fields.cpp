#include "http/request_fields.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <regex>

#include "errors/app_error.hpp"
#include "http/json_body.hpp"
#include "http/url_decoding.hpp"

namespace switchyard::api {
namespace {

bool is_form(const RequestContext& context) {
  const auto type = context.request.headers().tryGet<Pistache::Http::Header::ContentType>();
  return type && type->mime().toString().starts_with("application/x-www-form-urlencoded");
}

}  // namespace

std::string field_error(std::string_view field, std::string_view message) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartArray();
  w.StartObject();
  w.Key("field");
  w.String(field.data(), static_cast<rapidjson::SizeType>(field.size()));
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  w.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

int query_int(const RequestContext& context, const std::string& name, int fallback, int min,
              int max) {
  const auto text = context.query(name);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
    throw AppError(ErrorCode::kUnprocessable,
                   fmt::format("Query parameter {} must be an integer in [{}, {}]", name, min, max),
                   field_error(name, fmt::format("must be an integer in [{}, {}]", min, max)));
  }
  return value;
}

std::optional<bool> query_bool(const RequestContext& context, const std::string& name) {
  const auto text = context.query(name);
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "1") return true;
  if (*text == "false" || *text == "0") return false;
  throw AppError(ErrorCode::kUnprocessable,
                 fmt::format("Query parameter {} must be true or false", name),
                 field_error(name, "must be true or false"));
}

std::string path_string(const RequestContext& context, const std::string& name) {
  return decoded_parameter(name, context.request.param(":" + name).as<std::string>(),
                           PlusSign::kLiteral);
}

std::int64_t path_id(const RequestContext& context, const std::string& name) {
  const std::string text = path_string(context, name);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
    throw AppError(ErrorCode::kNotFound, fmt::format("No such resource: {} {}", name, text));
  }
  return value;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
  std::map<std::string, std::string> fields;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    // Like a JSON body, a form body holds only text PostgreSQL can store: UTF-8
    // without NUL (%00 included), refused with a 400 naming the field.
    std::string name = url_decode(pair.substr(0, eq), PlusSign::kSpace);
    if (!is_utf8_text(name)) {
      throw AppError(ErrorCode::kValidation, "A form field name is not UTF-8 text",
                     field_error("the body", "has a field name that is not UTF-8 text"));
    }
    std::string value = eq == std::string_view::npos
                            ? std::string()
                            : decoded_parameter(name, pair.substr(eq + 1), PlusSign::kSpace);
    fields[std::move(name)] = std::move(value);
  }
  return fields;
}

bool is_iso8601(const std::string& text) {
  static const std::regex kPattern(
      R"(^(\d{4})-(\d{2})-(\d{2})([T ](\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2})(:?(\d{2}))?)?)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, kPattern)) return false;
  // The shape alone lets 2023-13-45 through, which PostgreSQL would refuse only
  // after the write was queued: the field values are checked here.
  auto number = [&m](std::size_t group) {
    return m[group].matched ? std::stoi(m[group].str()) : 0;
  };
  const int year = number(1);
  const int month = number(2);
  const int day = number(3);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return false;
  // Second 60 is a leap second, which PostgreSQL takes.
  if (number(5) > 23 || number(6) > 59 || number(8) > 60) return false;
  return number(11) <= 15 && number(13) <= 59;
}

rapidjson::Document json_object_body(const RequestContext& context) {
  rapidjson::Document doc = parse_json_body(context.request.body(), context.json_limits);
  if (!doc.IsObject()) {
    throw AppError(ErrorCode::kValidation, "The body must be a JSON object",
                   field_error("the body", "must be a JSON object"));
  }
  return doc;
}

std::map<std::string, std::string> string_fields(const RequestContext& context) {
  if (is_form(context)) return parse_form(context.request.body());
  const rapidjson::Document doc = json_object_body(context);
  std::map<std::string, std::string> fields;
  for (const auto& member : doc.GetObject()) {
    if (member.value.IsString()) {
      fields[member.name.GetString()] =
          std::string(member.value.GetString(), member.value.GetStringLength());
    }
  }
  return fields;
}

}  // namespace switchyard::api
