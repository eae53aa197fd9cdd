// W3C traceparent parsing and making (common/trace/trace_context.hpp): a valid
// header is continued, anything else is ignored for a new trace.
#include "trace/trace_context.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace switchyard::trace {
namespace {

constexpr const char* kValid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

bool is_well_formed(const std::string& header) {
  static const std::regex kShape("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  return std::regex_match(header, kShape);
}

TEST(TraceContext, AValidHeaderGivesItsTraceAndParentIds) {
  const auto context = TraceContext::parse(kValid);
  ASSERT_TRUE(context);
  EXPECT_EQ(context->trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(context->span_id(), "00f067aa0ba902b7");
  EXPECT_EQ(context->header(), kValid);
}

TEST(TraceContext, UnsampledFlagsAreKept) {
  const auto context =
      TraceContext::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->child().header().substr(52), "-00");
}

struct Refused {
  const char* why;
  std::string header;
};

TEST(TraceContext, MalformedHeadersAreRefused) {
  const Refused cases[] = {
      {"empty", ""},
      {"uppercase trace id", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"},
      {"uppercase parent id", "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01"},
      {"uppercase flags", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A"},
      {"all-zero trace id", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"},
      {"all-zero parent id", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"},
      {"version ff", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
      {"a future version", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
      {"short trace id", "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"},
      {"long trace id", "00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01"},
      {"short parent id", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01"},
      {"one-digit flags", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"},
      {"trailing data", std::string(kValid) + "-extra"},
      {"trailing space", std::string(kValid) + " "},
      {"leading space", std::string(" ") + kValid},
      {"underscores", "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"},
      {"non-hex", "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01"},
      {"NUL inside", std::string("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba9\0"
                                 "2b7-01",
                                 55)},
      {"10k characters", std::string(10000, 'a')},
  };
  for (const auto& c : cases) {
    EXPECT_FALSE(TraceContext::parse(c.header)) << c.why;
    const TraceContext fresh = TraceContext::continue_or_start(c.header);
    EXPECT_TRUE(fresh.valid()) << c.why;
    EXPECT_NE(fresh.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736") << c.why;
    EXPECT_TRUE(is_well_formed(fresh.header())) << c.why << ": " << fresh.header();
  }
}

TEST(TraceContext, ContinuingKeepsTheTraceWithANewSpan) {
  const TraceContext next = TraceContext::continue_or_start(kValid);
  EXPECT_EQ(next.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_NE(next.span_id(), "00f067aa0ba902b7");
  EXPECT_TRUE(is_well_formed(next.header())) << next.header();
}

TEST(TraceContext, NewTracesAreWellFormedAndDistinct) {
  const TraceContext a = TraceContext::start();
  const TraceContext b = TraceContext::start();
  EXPECT_TRUE(is_well_formed(a.header())) << a.header();
  EXPECT_TRUE(TraceContext::parse(a.header()));
  EXPECT_NE(a.trace_id(), b.trace_id());
  EXPECT_NE(a.span_id(), b.span_id());
}

TEST(TraceContext, AnEmptyContextHasNoHeader) {
  const TraceContext none;
  EXPECT_FALSE(none.valid());
  EXPECT_EQ(none.header(), "");
  EXPECT_EQ(none.trace_id(), "");
  EXPECT_TRUE(none.child().valid());  // work caused by untraced work starts a trace
}

}  // namespace
}  // namespace switchyard::trace
