#include "metrics/histogram.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "metrics/text_format.hpp"

namespace switchyard::metrics {

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds), buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size())) {}

void Histogram::observe(double value) {
  const auto bound = std::lower_bound(bounds_.begin(), bounds_.end(), value);
  if (bound != bounds_.end()) {
    buckets_[static_cast<std::size_t>(bound - bounds_.begin())].fetch_add(
        1, std::memory_order_relaxed);
  }
  sum_.fetch_add(value, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void Histogram::render(std::string& out, std::string_view name, std::string_view labels) const {
  const std::string bucket = fmt::format("{}_bucket", name);
  const std::string separator = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    write_sample(out, bucket, fmt::format("{}{}le=\"{}\"", labels, separator, bounds_[i]),
                 cumulative);
  }
  // Read after the buckets, so +Inf is never below the last bound's count.
  const std::uint64_t count = std::max(count_.load(std::memory_order_relaxed), cumulative);
  write_sample(out, bucket, fmt::format("{}{}le=\"+Inf\"", labels, separator), count);
  write_sample(out, fmt::format("{}_sum", name), labels, sum());
  write_sample(out, fmt::format("{}_count", name), labels, count);
}

}  // namespace switchyard::metrics
