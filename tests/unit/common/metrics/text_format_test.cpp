// The Prometheus text format every process's /metrics is written in: families,
// label escaping, and histograms with cumulative buckets.
#include "metrics/text_format.hpp"

#include <gtest/gtest.h>

#include "metrics/histogram.hpp"

namespace switchyard::metrics {
namespace {

TEST(TextFormat, FamilyHasHelpThenType) {
  std::string out;
  write_family(out, "switchyard_x_total", "counter", "Things.");
  EXPECT_EQ(out, "# HELP switchyard_x_total Things.\n# TYPE switchyard_x_total counter\n");
}

TEST(TextFormat, LabelValuesAreEscaped) {
  EXPECT_EQ(labels({{"service", "sys"}, {"action", "a\"b\\c\nd"}}),
            R"(service="sys",action="a\"b\\c\nd")");
}

TEST(TextFormat, SampleWithoutLabelsHasNoBraces) {
  std::string out;
  write_sample(out, "g", "", std::uint64_t{3});
  write_sample(out, "h", labels({{"a", "b"}}), 0.25);
  EXPECT_EQ(out, "g 3\nh{a=\"b\"} 0.25\n");
}

TEST(Histogram, BucketsAreCumulativeWithInfCountAndSum) {
  static constexpr double kBounds[] = {1, 5};
  Histogram h(kBounds);
  h.observe(0.5);
  h.observe(1);  // on a bound: counted in it (le)
  h.observe(3);
  h.observe(100);
  std::string out;
  h.render(out, "x", labels({{"s", "t"}}));
  EXPECT_EQ(out,
            "x_bucket{s=\"t\",le=\"1\"} 2\n"
            "x_bucket{s=\"t\",le=\"5\"} 3\n"
            "x_bucket{s=\"t\",le=\"+Inf\"} 4\n"
            "x_sum{s=\"t\"} 104.5\n"
            "x_count{s=\"t\"} 4\n");
}

TEST(Histogram, RendersWithoutLabels) {
  static constexpr double kBounds[] = {1};
  Histogram h(kBounds);
  h.observe(2);
  std::string out;
  h.render(out, "x", "");
  EXPECT_EQ(out, "x_bucket{le=\"1\"} 0\nx_bucket{le=\"+Inf\"} 1\nx_sum 2\nx_count 1\n");
}

}  // namespace
}  // namespace switchyard::metrics
