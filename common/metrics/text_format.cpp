#include "metrics/text_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace switchyard::metrics {
namespace {

void write_name(std::string& out, std::string_view name, std::string_view labels) {
  out += name;
  if (labels.empty()) return;
  out += '{';
  out += labels;
  out += '}';
}

}  // namespace

void write_family(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

std::string labels(std::initializer_list<std::pair<std::string_view, std::string_view>> pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += ',';
    out += name;
    out += "=\"";
    for (const char c : value) {
      if (c == '\\' || c == '"') {
        out += '\\';
        out += c;
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    out += '"';
  }
  return out;
}

void write_sample(std::string& out, std::string_view name, std::string_view labels,
                  std::uint64_t value) {
  write_name(out, name, labels);
  fmt::format_to(std::back_inserter(out), " {}\n", value);
}

void write_sample(std::string& out, std::string_view name, std::string_view labels, double value) {
  write_name(out, name, labels);
  if (std::isinf(value)) {
    out += value > 0 ? " +Inf\n" : " -Inf\n";
  } else {
    fmt::format_to(std::back_inserter(out), " {}\n", value);
  }
}

}  // namespace switchyard::metrics
