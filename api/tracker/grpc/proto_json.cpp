#include "tracker/grpc/proto_json.hpp"

#include <google/protobuf/util/json_util.h>

#include <stdexcept>

namespace switchyard::api::tracker {

namespace util = google::protobuf::util;

rapidjson::Document json_of(const google::protobuf::Message& message) {
  std::string text;
  const auto status = util::MessageToJsonString(message, &text, util::JsonPrintOptions());
  if (!status.ok()) {
    throw std::runtime_error("cannot print " + message.GetTypeName() +
                             " as JSON: " + status.ToString());
  }
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  return document;
}

void fill_from_wire(const std::string& wire_json, google::protobuf::Message& message) {
  util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  const auto status = util::JsonStringToMessage(wire_json, &message, options);
  if (!status.ok()) {
    throw std::runtime_error("cannot read " + message.GetTypeName() + " from " + wire_json + ": " +
                             status.ToString());
  }
}

}  // namespace switchyard::api::tracker
