// libFuzzer target: parse_json_body (http/json_body.hpp), the one reader of JSON
// request bodies, with the default limits and with depth 3. A body is a document or
// an AppError; what it accepts is within the limits it promises: no deeper than
// max_depth, no U+0000 in a string or key, and it writes out as JSON that reads
// back to the same text.
// Findings: any other exception, a crash or sanitizer report, a broken promise.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "errors/app_error.hpp"
#include "fuzz_check.hpp"
#include "http/json_body.hpp"

namespace {

using switchyard::fuzz::check;

// Depth (containers open at once) and NUL-freedom of `root`, without recursion.
void check_within(const rapidjson::Value& root, std::size_t max_depth) {
  std::vector<std::pair<const rapidjson::Value*, std::size_t>> pending{{&root, 0}};
  while (!pending.empty()) {
    const auto [value, depth] = pending.back();
    pending.pop_back();
    if (value->IsString()) {
      check(std::string_view(value->GetString(), value->GetStringLength()).find('\0') ==
                std::string_view::npos,
            "parse_json_body accepted a string holding U+0000");
    } else if (value->IsArray()) {
      check(depth + 1 <= max_depth, "parse_json_body accepted nesting past max_depth");
      for (const auto& item : value->GetArray()) pending.emplace_back(&item, depth + 1);
    } else if (value->IsObject()) {
      check(depth + 1 <= max_depth, "parse_json_body accepted nesting past max_depth");
      for (const auto& member : value->GetObject()) {
        check(std::string_view(member.name.GetString(), member.name.GetStringLength()).find('\0') ==
                  std::string_view::npos,
              "parse_json_body accepted a key holding U+0000");
        pending.emplace_back(&member.value, depth + 1);
      }
    }
  }
}

std::string text_of(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  check(value.Accept(writer), "an accepted document does not write out as JSON");
  return {buffer.GetString(), buffer.GetSize()};
}

void read(std::string_view body, std::size_t max_depth) {
  switchyard::api::JsonLimits limits;
  limits.max_depth = max_depth;
  rapidjson::Document document;
  try {
    document = switchyard::api::parse_json_body(body, limits);
  } catch (const switchyard::AppError&) {
    return;
  }
  check_within(document, max_depth);
  const std::string written = text_of(document);
  rapidjson::Document again;
  try {
    again = switchyard::api::parse_json_body(written, limits);
  } catch (const switchyard::AppError& e) {
    check(false, std::string("an accepted document, written out, is refused: ") + e.what());
  }
  check(text_of(again) == written, "an accepted document, written out, reads back changed");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  read(body, switchyard::api::JsonLimits{}.max_depth);
  read(body, 3);
  return 0;
}
