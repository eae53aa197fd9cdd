#include "envelope/task_id.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <random>

#include "security/key_digest.hpp"

namespace switchyard::envelope {

namespace {

std::string format_uuid(const std::array<std::uint8_t, 16>& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0F]);
  }
  return out;
}

}  // namespace

std::string new_task_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto ms =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  std::array<std::uint8_t, 16> b{};
  // 48-bit big-endian millisecond timestamp, then 80 random bits.
  for (std::size_t i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  const std::uint64_t r1 = rng();
  const std::uint64_t r2 = rng();
  for (std::size_t i = 0; i < 2; ++i) b[6 + i] = static_cast<std::uint8_t>(r1 >> (8 * i));
  for (std::size_t i = 0; i < 8; ++i) b[8 + i] = static_cast<std::uint8_t>(r2 >> (8 * i));
  b[6] = static_cast<std::uint8_t>(0x70 | (b[6] & 0x0F));  // version 7
  b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));  // RFC 9562 variant

  return format_uuid(b);
}

namespace {

// A UUIDv8 of SHA-256(first '\n' second).
std::array<std::uint8_t, 16> hashed_uuid(std::string_view first, std::string_view second) {
  std::string material;
  material.reserve(first.size() + second.size() + 1);
  material.append(first).push_back('\n');  // no pair collides with another
  material.append(second);
  const std::string hex = security::sha256_hex(material);
  std::array<std::uint8_t, 16> b{};
  for (std::size_t i = 0; i < b.size(); ++i) {
    b[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  }
  b[6] = static_cast<std::uint8_t>(0x80 | (b[6] & 0x0F));  // version 8
  b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));  // RFC 9562 variant
  return b;
}

}  // namespace

std::string idempotent_task_id(std::string_view client, std::string_view key) {
  return format_uuid(hashed_uuid(client, key));
}

std::string workflow_step_task_id(std::string_view workflow_id, std::string_view step_id) {
  std::array<std::uint8_t, 16> b = hashed_uuid(workflow_id, step_id);
  // The workflow's 48-bit timestamp first (a UUIDv7's), so its steps sort with it.
  for (std::size_t i = 0, digit = 0; i < 6 && digit + 1 < workflow_id.size(); ++digit) {
    if (workflow_id[digit] == '-') continue;
    const int high = std::stoi(std::string(1, workflow_id[digit]), nullptr, 16);
    const int low = std::stoi(std::string(1, workflow_id[++digit]), nullptr, 16);
    b[i++] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return format_uuid(b);
}

bool is_valid_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace switchyard::envelope

namespace switchyard::envelope {

std::string schedule_fire_task_id(std::string_view fire_key, std::int64_t fire_epoch_seconds) {
  std::array<std::uint8_t, 16> b = hashed_uuid(fire_key, std::to_string(fire_epoch_seconds));
  // The fire time's 48-bit millisecond timestamp first, so the fires of a schedule
  // sort by time among the other tasks.
  const auto ms = static_cast<std::uint64_t>(fire_epoch_seconds) * 1000U;
  for (std::size_t i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  return format_uuid(b);
}

}  // namespace switchyard::envelope
