#include "events/websocket_frames.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>

namespace switchyard::api::events {
namespace {

constexpr std::string_view kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool known_opcode(std::uint8_t op) {
  return op == 0x0 || op == 0x1 || op == 0x2 || op == 0x8 || op == 0x9 || op == 0xA;
}

}  // namespace

FrameParse parse_client_frame(std::string_view buffer, std::size_t max_payload, ClientFrame& frame,
                              std::size_t& consumed) {
  if (buffer.size() < 2) return FrameParse::kIncomplete;
  const auto b0 = static_cast<std::uint8_t>(buffer[0]);
  const auto b1 = static_cast<std::uint8_t>(buffer[1]);
  const bool fin = (b0 & 0x80) != 0;
  const std::uint8_t op = b0 & 0x0F;
  // Reserved bits need an extension, and none was negotiated; the client must mask.
  if ((b0 & 0x70) != 0 || !known_opcode(op) || (b1 & 0x80) == 0) {
    return FrameParse::kProtocolError;
  }
  const bool control = (op & 0x8) != 0;
  std::uint64_t length = b1 & 0x7F;
  std::size_t offset = 2;
  if (control && (!fin || length > 125)) return FrameParse::kProtocolError;
  if (length == 126) {
    if (buffer.size() < 4) return FrameParse::kIncomplete;
    length = (std::uint64_t{static_cast<std::uint8_t>(buffer[2])} << 8) |
             static_cast<std::uint8_t>(buffer[3]);
    offset = 4;
  } else if (length == 127) {
    if (buffer.size() < 10) return FrameParse::kIncomplete;
    length = 0;
    for (int i = 0; i < 8; ++i) length = (length << 8) | static_cast<std::uint8_t>(buffer[2 + i]);
    offset = 10;
  }
  // Known before the payload arrives: an oversized frame is never buffered.
  if (length > max_payload) return FrameParse::kTooBig;
  if (buffer.size() < offset + 4 + length) return FrameParse::kIncomplete;
  const std::string_view mask = buffer.substr(offset, 4);
  offset += 4;
  frame.fin = fin;
  frame.opcode = static_cast<Opcode>(op);
  frame.payload.resize(length);
  for (std::size_t i = 0; i < length; ++i) {
    frame.payload[i] = static_cast<char>(buffer[offset + i] ^ mask[i % 4]);
  }
  consumed = offset + length;
  return FrameParse::kDone;
}

std::string server_frame(Opcode opcode, std::string_view payload) {
  std::string frame;
  frame.reserve(payload.size() + 10);
  frame.push_back(static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode)));
  const std::uint64_t length = payload.size();
  if (length < 126) {
    frame.push_back(static_cast<char>(length));
  } else if (length <= 0xFFFF) {
    frame.push_back(static_cast<char>(126));
    frame.push_back(static_cast<char>(length >> 8));
    frame.push_back(static_cast<char>(length & 0xFF));
  } else {
    frame.push_back(static_cast<char>(127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      frame.push_back(static_cast<char>((length >> shift) & 0xFF));
    }
  }
  frame.append(payload);
  return frame;
}

std::string close_frame(CloseCode code, std::string_view reason) {
  const auto value = static_cast<std::uint16_t>(code);
  std::string payload{static_cast<char>(value >> 8), static_cast<char>(value & 0xFF)};
  payload.append(reason.substr(0, 123));
  return server_frame(Opcode::kClose, payload);
}

std::string websocket_accept(std::string_view key) {
  const std::string input = std::string(key) + std::string(kGuid);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_length = 0;
  EVP_Digest(input.data(), input.size(), digest.data(), &digest_length, EVP_sha1(), nullptr);
  std::array<char, 64> encoded{};
  sodium_bin2base64(encoded.data(), encoded.size(), digest.data(), digest_length,
                    sodium_base64_VARIANT_ORIGINAL);
  return encoded.data();
}

}  // namespace switchyard::api::events
