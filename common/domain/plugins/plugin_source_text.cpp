#include "domain/plugins/plugin_source_text.hpp"

#include <algorithm>
#include <regex>

namespace switchyard::domain::plugins {

std::optional<std::string> source_text_problem(const std::string& source) {
  if (source.empty()) return "is empty";
  if (source.size() > 2000) return "is longer than 2000 characters";
  if (source.front() == '-') return "may not start with '-'";
  if (std::any_of(source.begin(), source.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return "holds control characters";
  }
  static const std::regex kHelper("[A-Za-z0-9+.-]+::.*");
  if (std::regex_match(source, kHelper)) return "names a git transport helper";
  return std::nullopt;
}

}  // namespace switchyard::domain::plugins
