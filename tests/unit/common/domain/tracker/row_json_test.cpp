// The tracker's task payload rows (common/domain/tracker/row_json.hpp) read into the
// domain records, and a take_lock result written from one.
#include "domain/tracker/row_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace switchyard::domain::tracker {
namespace {

rapidjson::Document parse(const char* json) {
  rapidjson::Document doc;
  doc.Parse(json);
  return doc;
}

TEST(RowJson, ACreatePayloadFillsEveryFieldItNamesAndLeavesTheRestDefault) {
  const auto event = event_from_row(
      parse(R"({"id":"i","title":"t","type":2,"impact":true,"start_date":"2024-05-01",)"
            R"("stake_holders":["a","b"],"created_by":"user:1","created_at":"ignored"})"));
  EXPECT_EQ(event.id, "i");
  EXPECT_EQ(event.title, "t");
  EXPECT_EQ(event.type, 2);
  EXPECT_TRUE(event.impact);
  EXPECT_EQ(event.start_date, "2024-05-01");
  EXPECT_EQ(event.stake_holders, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(event.created_by, "user:1");
  EXPECT_EQ(event.created_at, "");  // the database's to set
  EXPECT_EQ(event.message, "");
  EXPECT_FALSE(event.end_date.has_value());
}

TEST(RowJson, ChangesSetOnlyTheFieldsTheyNameAndNeverTheIdOrCreator) {
  Event event;
  event.id = "i";
  event.title = "before";
  event.message = "kept";
  event.created_by = "user:1";
  event.start_date = "2024-05-01";
  EXPECT_TRUE(apply_event_changes(
      parse(R"({"title":"after","start_date":null,"id":"other","created_by":"user:2"})"), event));
  EXPECT_EQ(event.title, "after");
  EXPECT_FALSE(event.start_date.has_value());
  EXPECT_EQ(event.message, "kept");
  EXPECT_EQ(event.id, "i");
  EXPECT_EQ(event.created_by, "user:1");
  EXPECT_FALSE(apply_event_changes(parse(R"({"unknown":1})"), event));
}

TEST(RowJson, AMemberOfTheWrongTypeIsNamedInTheError) {
  try {
    event_from_row(parse(R"({"id":"i","priority":"high"})"));
    FAIL() << "no RowError";
  } catch (const RowError& e) {
    EXPECT_STREQ(e.what(), "priority must be an integer");
  }
  EXPECT_THROW(catalog_entry_from_row(parse(R"({"dependencies_in":["a",1]})")), RowError);
  EXPECT_THROW(lock_from_row(parse(R"([])")), RowError);
}

TEST(RowJson, ALockResultNamesTheLockButNotWhoHoldsIt) {
  Lock lock;
  lock.id = "i";
  lock.service = "billing";
  lock.taken_by = "user:1";
  lock.created_at = "2024-05-01T10:00:00.000Z";
  const std::string row = lock_result_row(lock);
  EXPECT_EQ(row.find("taken_by"), std::string::npos) << row;
  const auto read = lock_from_row(parse(row.c_str()));
  EXPECT_EQ(read.id, "i");
  EXPECT_EQ(read.service, "billing");
  EXPECT_EQ(read.created_at, "2024-05-01T10:00:00.000Z");
  EXPECT_EQ(read.taken_by, "");
}

}  // namespace
}  // namespace switchyard::domain::tracker
