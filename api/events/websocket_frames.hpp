#pragma once
// The pieces of RFC 6455 the /ws listener speaks: the handshake's accept key and
// frames. The server reads only masked client frames (§5.1) with a whole message
// in one frame of at most `max_payload` bytes; fragmented messages are refused
// (the protocol's messages are small JSON objects), as are unmasked frames and
// control frames that are fragmented or longer than 125 bytes. No I/O.
#include <cstdint>
#include <string>
#include <string_view>

namespace switchyard::api::events {

enum class Opcode : std::uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// Close codes (§7.4.1).
enum class CloseCode : std::uint16_t {
  kNormal = 1000,
  kGoingAway = 1001,
  kProtocolError = 1002,
  kUnsupportedData = 1003,
  kPolicyViolation = 1008,
  kTooBig = 1009,
  kTryAgainLater = 1013,
};

struct ClientFrame {
  bool fin = true;
  Opcode opcode = Opcode::kText;
  std::string payload;  // unmasked
};

enum class FrameParse { kIncomplete, kDone, kProtocolError, kTooBig };

// Reads one frame from the start of `buffer`; with kDone, `consumed` is its size.
FrameParse parse_client_frame(std::string_view buffer, std::size_t max_payload, ClientFrame& frame,
                              std::size_t& consumed);

// One unmasked, final server frame.
std::string server_frame(Opcode opcode, std::string_view payload);
std::string close_frame(CloseCode code, std::string_view reason);

// Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + GUID)).
std::string websocket_accept(std::string_view key);

}  // namespace switchyard::api::events
