// The timestamps the API accepts (released_at, since, tracker dates) before a
// write is queued: ISO 8601 shape and real calendar values, so that PostgreSQL
// never refuses one after the API answered.
#include <gtest/gtest.h>

#include "http/request_fields.hpp"

namespace switchyard::api {
namespace {

TEST(Iso8601, AcceptsTheDocumentsForms) {
  EXPECT_TRUE(is_iso8601("2023-12-01"));
  EXPECT_TRUE(is_iso8601("2023-12-01T10:30:00Z"));
  EXPECT_TRUE(is_iso8601("2023-12-01T10:30:00.123456Z"));
  EXPECT_TRUE(is_iso8601("2023-12-01 10:30"));
  EXPECT_TRUE(is_iso8601("2023-12-01T10:30:00+02:00"));
  EXPECT_TRUE(is_iso8601("2023-12-01T10:30:00-0530"));
  EXPECT_TRUE(is_iso8601("2016-12-31T23:59:60Z"));  // a leap second
}

TEST(Iso8601, LeapYears) {
  EXPECT_TRUE(is_iso8601("2024-02-29"));
  EXPECT_TRUE(is_iso8601("2000-02-29"));
  EXPECT_FALSE(is_iso8601("2023-02-29"));
  EXPECT_FALSE(is_iso8601("1900-02-29"));
  EXPECT_FALSE(is_iso8601("2024-02-30"));
}

TEST(Iso8601, RefusesImpossibleValues) {
  EXPECT_FALSE(is_iso8601("2023-13-45"));
  EXPECT_FALSE(is_iso8601("2023-00-10"));
  EXPECT_FALSE(is_iso8601("2023-04-31"));
  EXPECT_FALSE(is_iso8601("2023-12-00"));
  EXPECT_FALSE(is_iso8601("0000-01-01"));
  EXPECT_FALSE(is_iso8601("2023-12-01T24:00:00Z"));
  EXPECT_FALSE(is_iso8601("2023-12-01T10:60:00Z"));
  EXPECT_FALSE(is_iso8601("2023-12-01T10:30:61Z"));
  EXPECT_FALSE(is_iso8601("2023-12-01T10:30:00+16:00"));
  EXPECT_FALSE(is_iso8601("2023-12-01T10:30:00+02:75"));
}

TEST(Iso8601, RefusesOtherShapes) {
  EXPECT_FALSE(is_iso8601(""));
  EXPECT_FALSE(is_iso8601("yesterday"));
  EXPECT_FALSE(is_iso8601("2023-12-1"));
  EXPECT_FALSE(is_iso8601("12/01/2023"));
  EXPECT_FALSE(is_iso8601("2023-12-01T10"));
  EXPECT_FALSE(is_iso8601("2023-12-01T10:30:00Zjunk"));
}

}  // namespace
}  // namespace switchyard::api
