#pragma once
// The bridge between the tracker's gRPC messages and its JSON. The original
// Tracker's REST surface is grpc-gateway's, i.e. the protobuf JSON mapping of
// these very messages, so a request message printed by protobuf's own mapping is
// exactly what a REST client sends (lowerCamelCase, enum names, RFC 3339 times),
// and an answer in the original's JSON (tracker/wire_json) parses back into the
// response message. Both doors thus read input with the same code (wire_rows)
// and write the same fields (wire_json): one definition of each.
#include <google/protobuf/message.h>
#include <rapidjson/document.h>

#include <string>

namespace switchyard::api::tracker {

// `message` in the protobuf JSON mapping (fields left at their default omitted).
rapidjson::Document json_of(const google::protobuf::Message& message);

// Fills `message` from `wire_json` (an answer's JSON, tracker/wire_json); fields
// the message does not have are skipped. Throws std::runtime_error when it does
// not parse: a bug, answered INTERNAL.
void fill_from_wire(const std::string& wire_json, google::protobuf::Message& message);

}  // namespace switchyard::api::tracker
