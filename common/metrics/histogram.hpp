#pragma once
// Histogram: a Prometheus histogram kept in atomics, so that observe() costs a few
// relaxed increments and never locks or allocates; any thread may observe while
// another renders (a scrape may see a sample's bucket before its count: the
// usual Prometheus tolerance). Bucket bounds are fixed at construction.
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace switchyard::metrics {

// Bounds for durations in seconds, 0.5 ms to 60 s.
inline constexpr double kSecondsBuckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                             0.25,   0.5,   1.0,    2.5,   5.0,  10.0,  30.0, 60.0};

class Histogram {
 public:
  // `bounds`: ascending upper bounds, outliving the histogram (static arrays).
  explicit Histogram(std::span<const double> bounds);

  void observe(double value);
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const { return sum_.load(std::memory_order_relaxed); }

  // `name_bucket` (cumulative, with le), `name_sum` and `name_count` lines; the
  // family's HELP/TYPE lines are the caller's.
  void render(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::span<const double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // per bucket, not cumulative
  std::atomic<std::uint64_t> count_{0};
  std::atomic<double> sum_{0.0};
};

}  // namespace switchyard::metrics
