#include "http/error_body.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <vector>

#include "envelope/timestamp.hpp"

namespace switchyard::api {

using Pistache::Http::Code;

Code http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return Code::Bad_Request;
    case ErrorCode::kUnprocessable:
      return Code::Unprocessable_Entity;
    case ErrorCode::kUnauthorized:
      return Code::Unauthorized;
    case ErrorCode::kForbidden:
      return Code::Forbidden;
    case ErrorCode::kNotFound:
      return Code::Not_Found;
    case ErrorCode::kMethodNotAllowed:
      return Code::Method_Not_Allowed;
    case ErrorCode::kConflict:
      return Code::Conflict;
    case ErrorCode::kPayloadTooLarge:
      return Code::Request_Entity_Too_Large;
    case ErrorCode::kUriTooLong:
      return Code::RequestURI_Too_Long;
    case ErrorCode::kHeadersTooLarge:
      return Code::Request_Header_Fields_Too_Large;
    case ErrorCode::kRateLimited:
      return Code::Too_Many_Requests;
    case ErrorCode::kBadGateway:
      return Code::Bad_Gateway;
    case ErrorCode::kUnavailable:
      return Code::Service_Unavailable;
    case ErrorCode::kInternal:
      return Code::Internal_Server_Error;
  }
  return Code::Internal_Server_Error;
}

std::string error_body(ErrorCode code, std::string_view message, std::string_view details_json,
                       std::string_view request_id, std::int64_t retry_after) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  const std::string_view code_name = to_string(code);
  const std::string timestamp = envelope::now_timestamp();
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.String(code_name.data(), static_cast<rapidjson::SizeType>(code_name.size()));
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.Key("details");
  if (details_json.empty()) {
    w.Null();
  } else {
    w.RawValue(details_json.data(), details_json.size(), rapidjson::kArrayType);
  }
  w.Key("timestamp");
  w.String(timestamp.data(), static_cast<rapidjson::SizeType>(timestamp.size()));
  w.Key("request_id");
  w.String(request_id.data(), static_cast<rapidjson::SizeType>(request_id.size()));
  if (retry_after > 0) {
    w.Key("retry_after");
    w.Int64(retry_after);
  }
  w.EndObject();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string imas_error_body(std::string_view message, std::string_view details_json,
                            std::int64_t retry_after) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("error");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  rapidjson::Document details;
  if (!details_json.empty()) details.Parse(details_json.data(), details_json.size());
  if (!details.HasParseError() && details.IsArray() && !details.Empty()) {
    // [{"field","message"}] → {"field": ["message", ...]}, the Django REST framework
    // shape: a field's messages together, fields in their first order.
    std::vector<std::pair<std::string_view, std::vector<std::string_view>>> fields;
    for (const auto& item : details.GetArray()) {
      if (!item.IsObject() || !item.HasMember("field") || !item.HasMember("message") ||
          !item["field"].IsString() || !item["message"].IsString()) {
        continue;
      }
      const std::string_view field(item["field"].GetString(), item["field"].GetStringLength());
      const std::string_view text(item["message"].GetString(), item["message"].GetStringLength());
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const auto& entry) { return entry.first == field; });
      if (it == fields.end()) it = fields.insert(fields.end(), {field, {}});
      it->second.push_back(text);
    }
    w.Key("details");
    w.StartObject();
    for (const auto& [field, messages] : fields) {
      w.Key(field.data(), static_cast<rapidjson::SizeType>(field.size()));
      w.StartArray();
      for (const auto text : messages) {
        w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      }
      w.EndArray();
    }
    w.EndObject();
  }
  if (retry_after > 0) {
    w.Key("retry_after");
    w.Int64(retry_after);
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

// google.rpc.Code of each error, as grpc-gateway maps HTTP statuses back.
int grpc_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
    case ErrorCode::kUnprocessable:
      return 3;  // INVALID_ARGUMENT
    case ErrorCode::kUnauthorized:
      return 16;  // UNAUTHENTICATED
    case ErrorCode::kForbidden:
      return 7;  // PERMISSION_DENIED
    case ErrorCode::kNotFound:
      return 5;  // NOT_FOUND
    case ErrorCode::kMethodNotAllowed:
      return 12;  // UNIMPLEMENTED
    case ErrorCode::kConflict:
      return 6;  // ALREADY_EXISTS
    case ErrorCode::kPayloadTooLarge:
    case ErrorCode::kUriTooLong:
    case ErrorCode::kHeadersTooLarge:
    case ErrorCode::kRateLimited:
      return 8;  // RESOURCE_EXHAUSTED
    case ErrorCode::kBadGateway:
    case ErrorCode::kUnavailable:
      return 14;  // UNAVAILABLE
    case ErrorCode::kInternal:
      return 13;  // INTERNAL
  }
  return 13;
}

std::string grpc_error_body(ErrorCode code, std::string_view message,
                            std::string_view details_json) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("code");
  w.Int(grpc_code(code));
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.Key("details");
  if (details_json.empty()) {
    w.StartArray();
    w.EndArray();
  } else {
    w.RawValue(details_json.data(), details_json.size(), rapidjson::kArrayType);
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace switchyard::api
