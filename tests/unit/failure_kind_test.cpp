// FailureKind (common/domain/failure_kind.hpp): the text of every kind is the
// `type` of a task's error, stored in the ledger and matched by clients and by the
// API's status mapping, so it round-trips and never changes.
#include "domain/failure_kind.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace switchyard::domain {
namespace {

TEST(FailureKind, RoundTripsEveryKindThroughItsText) {
  std::set<std::string_view> texts;
  for (FailureKind kind : kAllFailureKinds) {
    const auto parsed = parse_failure_kind(to_string(kind));
    ASSERT_TRUE(parsed.has_value()) << to_string(kind);
    EXPECT_EQ(*parsed, kind) << to_string(kind);
    EXPECT_TRUE(texts.insert(to_string(kind)).second) << "two kinds share " << to_string(kind);
  }
}

TEST(FailureKind, KeepsTheStoredTexts) {
  EXPECT_EQ(to_string(FailureKind::kInternalError), "internal_error");
  EXPECT_EQ(to_string(FailureKind::kTimeout), "timeout");
  EXPECT_EQ(to_string(FailureKind::kNoHandler), "no_handler");
  EXPECT_EQ(to_string(FailureKind::kBadPayload), "bad_payload");
  EXPECT_EQ(to_string(FailureKind::kRequestedFailure), "requested_failure");
  EXPECT_EQ(to_string(FailureKind::kNotFound), "not_found");
  EXPECT_EQ(to_string(FailureKind::kForbidden), "forbidden");
  EXPECT_EQ(to_string(FailureKind::kConflict), "conflict");
  EXPECT_EQ(to_string(FailureKind::kNotConfigured), "not_configured");
  EXPECT_EQ(to_string(FailureKind::kValidation), "validation");
  EXPECT_EQ(to_string(FailureKind::kUpstreamUnavailable), "upstream_unavailable");
  EXPECT_EQ(to_string(FailureKind::kUpstreamRefused), "upstream_refused");
}

TEST(FailureKind, RejectsTextsNoKindHas) {
  EXPECT_FALSE(parse_failure_kind("").has_value());
  EXPECT_FALSE(parse_failure_kind("NotFound").has_value());
  EXPECT_FALSE(parse_failure_kind("not_found ").has_value());
  EXPECT_FALSE(parse_failure_kind("upstream_").has_value());
  EXPECT_FALSE(parse_failure_kind("poison").has_value());
}

}  // namespace
}  // namespace switchyard::domain
