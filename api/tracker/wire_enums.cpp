#include "tracker/wire_enums.hpp"

#include <charconv>

namespace switchyard::tracker {
namespace {

// The numbers are the protobuf's (BananaOps/tracker), not the order of the docs.
constexpr EnumValue kEventTypes[] = {
    {"deployment", 1}, {"operation", 2}, {"drift", 3}, {"incident", 4}, {"rpa_usage", 5}};
constexpr EnumValue kPriorities[] = {{"P1", 1}, {"P2", 2}, {"P3", 3}, {"P4", 4}, {"P5", 5}};
constexpr EnumValue kStatuses[] = {
    {"start", 1},    {"failure", 2},          {"success", 3},     {"warning", 4},
    {"error", 5},    {"snapshot", 6},         {"user_update", 7}, {"recommandation", 8},
    {"open", 9},     {"close", 10},           {"done", 11},       {"in_progress", 12},
    {"planned", 13}, {"waiting_approval", 14}};
constexpr EnumValue kEnvironments[] = {{"development", 1}, {"integration", 2}, {"TNR", 3},
                                       {"UAT", 4},         {"recette", 5},     {"preproduction", 6},
                                       {"production", 7},  {"mco", 8}};
constexpr EnumValue kCatalogTypes[] = {{"module", 1},   {"library", 2}, {"workflow", 3},
                                       {"project", 4},  {"chart", 5},   {"package", 6},
                                       {"container", 7}};
constexpr EnumValue kLanguages[] = {
    {"golang", 1},     {"kotlin", 2},      {"java", 3},   {"terraform", 4}, {"helm", 5},
    {"javascript", 6}, {"yaml", 7},        {"docker", 8}, {"python", 9},    {"php", 10},
    {"rust", 11},      {"typescript", 12}, {"groovy", 15}};
constexpr EnumValue kSlaLevels[] = {{"critical", 1}, {"high", 2}, {"medium", 3}, {"low", 4}};

}  // namespace

const WireEnum kEventType{kEventTypes};
const WireEnum kEventPriority{kPriorities};
const WireEnum kEventStatus{kStatuses};
const WireEnum kEventEnvironment{kEnvironments};
const WireEnum kCatalogType{kCatalogTypes};
const WireEnum kLanguage{kLanguages};
const WireEnum kSlaLevel{kSlaLevels};

std::optional<int> WireEnum::parse(std::string_view text) const {
  for (const auto& value : values_) {
    if (value.name == text) return value.number;
  }
  int number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return name_of(number).empty() ? std::nullopt : std::optional<int>(number);
}

std::optional<int> WireEnum::parse(const rapidjson::Value& value) const {
  if (value.IsString()) return parse(std::string_view(value.GetString(), value.GetStringLength()));
  if (value.IsInt() && !name_of(value.GetInt()).empty()) return value.GetInt();
  return std::nullopt;
}

std::string_view WireEnum::name_of(int number) const {
  for (const auto& value : values_) {
    if (value.number == number) return value.name;
  }
  return {};
}

std::string WireEnum::allowed() const {
  std::string names;
  for (const auto& value : values_) {
    if (!names.empty()) names += ", ";
    names += value.name;
  }
  return names;
}

}  // namespace switchyard::tracker
