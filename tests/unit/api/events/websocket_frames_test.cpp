// The RFC 6455 pieces: the handshake's accept key (the RFC's own example),
// masked client frames, and the refusals.
#include "events/websocket_frames.hpp"

#include <gtest/gtest.h>

namespace switchyard::api::events {
namespace {

// A masked client frame, written from RFC 6455 §5.2.
std::string client_frame(std::uint8_t first, const std::string& payload, bool masked = true) {
  std::string frame{static_cast<char>(first)};
  const char mask[4] = {0x37, static_cast<char>(0xfa), 0x21, 0x3d};
  const std::uint8_t bit = masked ? 0x80 : 0;
  if (payload.size() < 126) {
    frame.push_back(static_cast<char>(bit | payload.size()));
  } else {
    frame.push_back(static_cast<char>(bit | 126));
    frame.push_back(static_cast<char>(payload.size() >> 8));
    frame.push_back(static_cast<char>(payload.size() & 0xff));
  }
  if (masked) frame.append(mask, 4);
  for (std::size_t i = 0; i < payload.size(); ++i) {
    frame.push_back(masked ? static_cast<char>(payload[i] ^ mask[i % 4]) : payload[i]);
  }
  return frame;
}

TEST(WebsocketFrames, AcceptKeyOfTheRfcExample) {
  EXPECT_EQ(websocket_accept("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(WebsocketFrames, ReadsAMaskedTextFrame) {
  const std::string frame = client_frame(0x81, "Hello");
  ClientFrame parsed;
  std::size_t consumed = 0;
  ASSERT_EQ(parse_client_frame(frame, 1024, parsed, consumed), FrameParse::kDone);
  EXPECT_EQ(parsed.payload, "Hello");
  EXPECT_EQ(parsed.opcode, Opcode::kText);
  EXPECT_EQ(consumed, frame.size());
  // Any prefix is incomplete.
  EXPECT_EQ(parse_client_frame(frame.substr(0, frame.size() - 1), 1024, parsed, consumed),
            FrameParse::kIncomplete);
  const std::string longer = client_frame(0x81, std::string(300, 'x'));
  ASSERT_EQ(parse_client_frame(longer, 1024, parsed, consumed), FrameParse::kDone);
  EXPECT_EQ(parsed.payload.size(), 300u);
}

TEST(WebsocketFrames, RefusesUnmaskedReservedAndOversized) {
  ClientFrame parsed;
  std::size_t consumed = 0;
  EXPECT_EQ(parse_client_frame(client_frame(0x81, "hi", false), 1024, parsed, consumed),
            FrameParse::kProtocolError);
  EXPECT_EQ(parse_client_frame(client_frame(0xC1, "hi"), 1024, parsed, consumed),
            FrameParse::kProtocolError);  // RSV1 without an extension
  EXPECT_EQ(parse_client_frame(client_frame(0x83, "hi"), 1024, parsed, consumed),
            FrameParse::kProtocolError);  // opcode 3 is reserved
  EXPECT_EQ(parse_client_frame(client_frame(0x09, "hi"), 1024, parsed, consumed),
            FrameParse::kProtocolError);  // a fragmented ping
  // Refused from its header alone: the payload is never waited for.
  const std::string header_only = client_frame(0x81, std::string(2000, 'x')).substr(0, 4);
  EXPECT_EQ(parse_client_frame(header_only, 1024, parsed, consumed), FrameParse::kTooBig);
  const std::string huge_claim = std::string("\x81\xff", 2) + std::string(8, '\x7f');
  EXPECT_EQ(parse_client_frame(huge_claim, 1024, parsed, consumed), FrameParse::kTooBig);
}

TEST(WebsocketFrames, ServerFramesAreUnmaskedWithTheirLength) {
  EXPECT_EQ(server_frame(Opcode::kText, "hi"), std::string("\x81\x02hi", 4));
  const std::string medium = server_frame(Opcode::kText, std::string(300, 'x'));
  EXPECT_EQ(medium.substr(0, 4), std::string("\x81\x7e\x01\x2c", 4));
  const std::string large = server_frame(Opcode::kText, std::string(70000, 'x'));
  EXPECT_EQ(large.size(), 70000u + 10);
  EXPECT_EQ(static_cast<unsigned char>(large[1]), 127);
  EXPECT_EQ(close_frame(CloseCode::kTooBig, "x"), std::string("\x88\x03\x03\xf1x", 5));
}

}  // namespace
}  // namespace switchyard::api::events
