#include "trace/trace_context.hpp"

#include <algorithm>
#include <cstdint>
#include <random>

namespace switchyard::trace {
namespace {

constexpr std::size_t kHeaderLength = 55;  // 2 + 1 + 32 + 1 + 16 + 1 + 2

// Lowercase hex only: the specification requires it of version 00.
bool is_lower_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool all_zeros(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

void random_hex(char* out, std::size_t length) {
  // One generator per thread: no lock on the hot path, seeded once from the OS.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kDigits[] = "0123456789abcdef";
  do {
    for (std::size_t i = 0; i < length; i += 16) {
      std::uint64_t bits = rng();
      for (std::size_t j = i; j < std::min(length, i + 16); ++j, bits >>= 4) {
        out[j] = kDigits[bits & 0xf];
      }
    }
  } while (all_zeros({out, length}));  // all zeros is invalid; 2^-64 odds, but never
}

}  // namespace

std::optional<TraceContext> TraceContext::parse(std::string_view header) {
  if (header.size() != kHeaderLength || header[2] != '-' || header[35] != '-' ||
      header[52] != '-') {
    return std::nullopt;
  }
  const std::string_view version = header.substr(0, 2);
  const std::string_view trace_id = header.substr(3, 32);
  const std::string_view span_id = header.substr(36, 16);
  const std::string_view flags = header.substr(53, 2);
  if (version != "00" || !is_lower_hex(trace_id) || !is_lower_hex(span_id) ||
      !is_lower_hex(flags) || all_zeros(trace_id) || all_zeros(span_id)) {
    return std::nullopt;
  }
  TraceContext context;
  std::copy(trace_id.begin(), trace_id.end(), context.trace_id_.begin());
  std::copy(span_id.begin(), span_id.end(), context.span_id_.begin());
  std::copy(flags.begin(), flags.end(), context.flags_.begin());
  return context;
}

TraceContext TraceContext::start() {
  TraceContext context;
  random_hex(context.trace_id_.data(), 32);
  random_hex(context.span_id_.data(), 16);
  context.flags_ = {'0', '1', '\0'};
  return context;
}

TraceContext TraceContext::continue_or_start(std::string_view header) {
  if (auto parent = parse(header)) return parent->child();
  return start();
}

TraceContext TraceContext::child() const {
  if (!valid()) return start();
  TraceContext context = *this;
  random_hex(context.span_id_.data(), 16);
  return context;
}

std::string TraceContext::header() const {
  if (!valid()) return {};
  std::string text;
  text.reserve(kHeaderLength);
  text.append("00-").append(trace_id()).append("-").append(span_id()).append("-");
  text.append(flags_.data(), 2);
  return text;
}

}  // namespace switchyard::trace
