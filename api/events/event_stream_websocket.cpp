// EventStreamServer's WebSocket conversation (RFC 6455): the upgrade, the frames
// a client sends, its auth and subscribe messages, and the closing handshake.
// The protocol is the xcore document's (docs/console.md "Live events").
#include <fmt/format.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>

#include "errors/app_error.hpp"
#include "events/event_selection.hpp"
#include "events/event_stream_server.hpp"
#include "events/event_wire.hpp"
#include "events/request_head.hpp"
#include "events/stream_connection.hpp"
#include "events/websocket_frames.hpp"
#include "http/error_body.hpp"
#include "identity/authenticator.hpp"

namespace switchyard::api::events {
namespace {

// A client frame past this is refused (1009): subscribe messages are small.
constexpr std::size_t kMaxFrame = 16 << 10;

bool contains_token(std::string value, std::string_view token) {
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value.find(token) != std::string::npos;
}

}  // namespace

void EventStreamServer::open_websocket(Connection& connection, const RequestHead& head) {
  const auto key = head.field("sec-websocket-key");
  if (!contains_token(head.field("upgrade").value_or(""), "websocket") || !key ||
      key->size() != 24) {
    throw AppError(ErrorCode::kValidation,
                   "/ws is a WebSocket: send Upgrade: websocket and a Sec-WebSocket-Key.");
  }
  if (head.field("sec-websocket-version") != "13") {
    return refuse(
        connection, 426, "Upgrade Required",
        error_body(ErrorCode::kValidation, "WebSocket version 13 only.", "", stream_request_id()),
        "Sec-WebSocket-Version: 13\r\n");
  }
  connection.out = fmt::format(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: {}\r\n\r\n",
      websocket_accept(*key));
  connection.phase = Connection::Phase::kWebSocketAuth;
  connection.deadline = Clock::now() + options_.auth_timeout;
  if (!connection.in.empty()) on_frames(connection);
}

void EventStreamServer::on_frames(Connection& connection) {
  while (connection.fd >= 0 && connection.phase != Connection::Phase::kClosing) {
    ClientFrame frame;
    std::size_t consumed = 0;
    const auto parsed = parse_client_frame(connection.in, kMaxFrame, frame, consumed);
    if (parsed == FrameParse::kIncomplete) return;
    if (parsed == FrameParse::kTooBig) {
      return close_websocket(connection, static_cast<int>(CloseCode::kTooBig),
                             "frames of at most 16 KiB");
    }
    if (parsed == FrameParse::kProtocolError) {
      return close_websocket(connection, static_cast<int>(CloseCode::kProtocolError),
                             "protocol error");
    }
    connection.in.erase(0, consumed);
    switch (frame.opcode) {
      case Opcode::kPing:
        connection.out += server_frame(Opcode::kPong, frame.payload);
        break;
      case Opcode::kPong:
        break;
      case Opcode::kClose:
        return close_websocket(connection, static_cast<int>(CloseCode::kNormal), "");
      case Opcode::kText:
        if (!frame.fin) {
          return close_websocket(connection, static_cast<int>(CloseCode::kTooBig),
                                 "fragmented messages are not accepted");
        }
        on_websocket_message(connection, frame.payload);
        break;
      case Opcode::kContinuation:
        return close_websocket(connection, static_cast<int>(CloseCode::kTooBig),
                               "fragmented messages are not accepted");
      case Opcode::kBinary:
        return close_websocket(connection, static_cast<int>(CloseCode::kUnsupportedData),
                               "text frames only");
    }
  }
}

void EventStreamServer::on_websocket_message(Connection& connection, const std::string& text) {
  rapidjson::Document message;
  message.Parse<rapidjson::kParseStopWhenDoneFlag>(text.c_str(), text.size());
  const bool object = !message.HasParseError() && message.IsObject() && message.HasMember("type") &&
                      message["type"].IsString();
  const std::string type = object ? message["type"].GetString() : "";
  if (connection.phase == Connection::Phase::kWebSocketAuth) {
    if (type != "auth" || !message.HasMember("token") || !message["token"].IsString()) {
      return close_websocket(connection, static_cast<int>(CloseCode::kPolicyViolation),
                             "the first message must be {\"type\":\"auth\",\"token\":...}");
    }
    std::string token = message["token"].GetString();
    // The document's clients send "Bearer <token>"; a bare token is read as one.
    if (token.find(' ') == std::string::npos) token = "Bearer " + token;
    std::optional<Principal> principal;
    try {
      principal = authenticator_.authenticate(std::string_view(token), now_epoch());
    } catch (const AppError&) {
    }
    if (!principal) {
      return close_websocket(connection, static_cast<int>(CloseCode::kPolicyViolation),
                             "authentication failed");
    }
    return subscribe(connection, *principal);
  }
  if (type != "subscribe") {
    connection.out += server_frame(
        Opcode::kText, websocket_notice("error", R"("message":"unknown message type")"));
    return;
  }
  try {
    std::vector<std::string> types;
    if (message.HasMember("types")) {
      const auto& list = message["types"];
      if (!list.IsArray() || list.Size() > EventSelection::kMaxTypes) {
        throw AppError(ErrorCode::kValidation, "types: a list of at most 32 event types");
      }
      for (const auto& entry : list.GetArray()) {
        if (!entry.IsString()) throw AppError(ErrorCode::kValidation, "types: strings only");
        types.emplace_back(entry.GetString(), std::min<std::size_t>(entry.GetStringLength(), 65));
      }
    }
    std::string service;
    if (message.HasMember("service") && message["service"].IsString()) {
      service.assign(message["service"].GetString(),
                     std::min<std::size_t>(message["service"].GetStringLength(), 129));
    }
    connection.subscription->select(EventSelection::from_list(std::move(types), service));
    connection.out += server_frame(Opcode::kText, websocket_notice("subscribed", ""));
  } catch (const AppError& error) {
    // The refusal's text is ours and holds no quote or backslash.
    connection.out += server_frame(
        Opcode::kText,
        websocket_notice("error", fmt::format(R"("message":"{}")", error.public_message())));
  }
}

void EventStreamServer::subscribe(Connection& connection, const Principal& principal) {
  connection.subscription = std::make_shared<Subscription>(principal, EventSelection{},
                                                           options_.max_queued, [this] { wake(); });
  connection.phase = Connection::Phase::kWebSocket;
  hold_until_fed(connection);
  hub_.join(connection.subscription, std::nullopt);
  connection.out += server_frame(Opcode::kText, websocket_notice("ready", ""));
}

void EventStreamServer::close_websocket(Connection& connection, int code, std::string_view reason) {
  connection.out += close_frame(static_cast<CloseCode>(code), reason);
  if (connection.subscription) {
    hub_.leave(connection.subscription);
    connection.subscription.reset();
  }
  connection.phase = Connection::Phase::kClosing;
  connection.deadline = Clock::now() + kLinger;
}

}  // namespace switchyard::api::events
