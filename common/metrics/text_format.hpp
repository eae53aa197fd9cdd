#pragma once
// The Prometheus text exposition format (version 0.0.4), the one writer of every
// process's /metrics: a family's `# HELP` and `# TYPE` lines, then its samples.
// Label values are escaped here; callers pass only bounded values (services and
// actions from services.yaml, statuses, fixed reasons), never ids or free text.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace switchyard::metrics {

inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

// `# HELP name help` and `# TYPE name type` (counter, gauge, histogram).
void write_family(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help);

// `a="x",b="y"`, values escaped (backslash, quote, newline).
std::string labels(std::initializer_list<std::pair<std::string_view, std::string_view>> pairs);

// `name{labels} value`; no braces when `labels` is empty.
void write_sample(std::string& out, std::string_view name, std::string_view labels,
                  std::uint64_t value);
void write_sample(std::string& out, std::string_view name, std::string_view labels, double value);

}  // namespace switchyard::metrics
