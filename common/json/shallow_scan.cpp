#include "json/shallow_scan.hpp"

#include <rapidjson/document.h>

namespace switchyard::json {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && is_space(text[at])) ++at;
  return at;
}

// `at` is on an opening quote; returns the index just past the closing one, or
// text.size() + 1 when the string never closes.
std::size_t skip_string(std::string_view text, std::size_t at) {
  for (++at; at < text.size(); ++at) {
    if (text[at] == '\\') {
      ++at;  // the escaped character, whatever it is
    } else if (text[at] == '"') {
      return at + 1;
    }
  }
  return text.size() + 1;
}

// `at` starts a value; returns the index just past it (strings, nested containers
// and scalars alike), or nullopt when a container never closes.
std::optional<std::size_t> skip_value(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::nullopt;
  if (text[at] == '"') {
    const std::size_t end = skip_string(text, at);
    if (end > text.size()) return std::nullopt;
    return end;
  }
  if (text[at] == '[' || text[at] == '{') {
    std::size_t depth = 0;
    while (at < text.size()) {
      const char c = text[at];
      if (c == '"') {
        at = skip_string(text, at);
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      if ((c == ']' || c == '}') && --depth == 0) return at + 1;
      ++at;
    }
    return std::nullopt;
  }
  // A scalar: up to the next separator.
  while (at < text.size() && text[at] != ',' && text[at] != ']' && text[at] != '}' &&
         !is_space(text[at])) {
    ++at;
  }
  return at;
}

// Walks the items of the container opening at `open` (`[` or `{`), calling
// `item(start, end)` for each value (for an object, each `key: value` member).
template <typename Item>
bool walk_items(std::string_view text, char open, char close, Item&& item) {
  std::size_t at = skip_space(text, 0);
  if (at >= text.size() || text[at] != open) return false;
  at = skip_space(text, at + 1);
  if (at < text.size() && text[at] == close) return skip_space(text, at + 1) == text.size();
  while (at < text.size()) {
    const auto end = item(at);
    if (!end) return false;
    at = skip_space(text, *end);
    if (at >= text.size()) return false;
    if (text[at] == close) return skip_space(text, at + 1) == text.size();
    if (text[at] != ',') return false;
    at = skip_space(text, at + 1);
  }
  return false;
}

}  // namespace

bool nests_deeper_than(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      at = skip_string(text, at) - 1;  // past the end when it never closes
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::optional<std::vector<std::string_view>> array_items(std::string_view text) {
  std::vector<std::string_view> items;
  const bool ok = walk_items(text, '[', ']', [&](std::size_t at) -> std::optional<std::size_t> {
    const auto end = skip_value(text, at);
    if (end) items.push_back(text.substr(at, *end - at));
    return end;
  });
  if (!ok) return std::nullopt;
  return items;
}

std::optional<std::vector<std::pair<std::string_view, std::string_view>>> object_members(
    std::string_view text) {
  std::vector<std::pair<std::string_view, std::string_view>> members;
  const bool ok = walk_items(text, '{', '}', [&](std::size_t at) -> std::optional<std::size_t> {
    if (text[at] != '"') return std::nullopt;
    const std::size_t key_end = skip_string(text, at);
    if (key_end > text.size()) return std::nullopt;
    std::size_t colon = skip_space(text, key_end);
    if (colon >= text.size() || text[colon] != ':') return std::nullopt;
    const std::size_t value_at = skip_space(text, colon + 1);
    const auto end = skip_value(text, value_at);
    if (!end) return std::nullopt;
    members.emplace_back(text.substr(at + 1, key_end - at - 2),
                         text.substr(value_at, *end - value_at));
    return end;
  });
  if (!ok) return std::nullopt;
  return members;
}

std::optional<std::string> top_level_string(std::string_view text, std::string_view key) {
  const auto members = object_members(text);
  if (!members) return std::nullopt;
  for (const auto& [name, raw] : *members) {
    if (name != key) continue;
    rapidjson::Document value;
    value.Parse(raw.data(), raw.size());
    if (value.HasParseError() || !value.IsString()) return std::nullopt;
    return std::string(value.GetString(), value.GetStringLength());
  }
  return std::nullopt;
}

}  // namespace switchyard::json
