// Tracker events' SQL (common/storage/tracker/events_repository.hpp) on a migrated
// database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <string>
#include <vector>

#include "envelope/task_id.hpp"
#include "storage/tracker/events_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::tracker {
namespace {

class EventsRepository : public testing::RolledBackTest {
 protected:
  rapidjson::Document find(const std::string& id) {
    const auto row = find_event(tx(), id);
    EXPECT_TRUE(row.has_value()) << id;
    rapidjson::Document doc;
    doc.Parse(row.value_or("{}").c_str());
    return doc;
  }
};

std::string event_json(const std::string& id, const std::string& title,
                       const std::string& service = "billing", const std::string& extra = "") {
  return R"({"id":")" + id + R"(","title":")" + title + R"(","type":1,"service":")" + service +
         "\"" + extra + "}";
}

TEST_F(EventsRepository, InsertingTheSameIdTwiceKeepsTheFirstRow) {
  const std::string id = envelope::new_task_id();
  EXPECT_TRUE(insert_event(tx(), event_json(id, "first")));
  EXPECT_FALSE(insert_event(tx(), event_json(id, "second")));
  EXPECT_STREQ(find(id)["title"].GetString(), "first");
}

TEST_F(EventsRepository, AnEventReadsBackAsWritten) {
  const std::string id = envelope::new_task_id();
  insert_event(tx(), event_json(id, "deploy", "billing",
                                R"(,"message":"m","source":"ci","priority":2,"related_id":"r",)"
                                R"("status":3,"environment":7,"impact":true,)"
                                R"("start_date":"2024-05-01T10:00:00Z","end_date":"2024-05-01T10:05:30Z",)"
                                R"("owner":"o","stake_holders":["a","b \"c\""],"notification":true,)"
                                R"("pull_request_link":"p","ticket":"t","slack_id":"s","created_by":"user:1")"));
  const auto row = find(id);
  EXPECT_STREQ(row["id"].GetString(), id.c_str());
  EXPECT_STREQ(row["title"].GetString(), "deploy");
  EXPECT_STREQ(row["message"].GetString(), "m");
  EXPECT_STREQ(row["source"].GetString(), "ci");
  EXPECT_EQ(row["type"].GetInt(), 1);
  EXPECT_EQ(row["priority"].GetInt(), 2);
  EXPECT_STREQ(row["related_id"].GetString(), "r");
  EXPECT_STREQ(row["service"].GetString(), "billing");
  EXPECT_EQ(row["status"].GetInt(), 3);
  EXPECT_EQ(row["environment"].GetInt(), 7);
  EXPECT_TRUE(row["impact"].GetBool());
  EXPECT_STREQ(row["start_date"].GetString(), "2024-05-01T10:00:00.000Z");
  EXPECT_STREQ(row["end_date"].GetString(), "2024-05-01T10:05:30.000Z");
  EXPECT_STREQ(row["owner"].GetString(), "o");
  ASSERT_EQ(row["stake_holders"].Size(), 2u);
  EXPECT_STREQ(row["stake_holders"][1].GetString(), "b \"c\"");
  EXPECT_TRUE(row["notification"].GetBool());
  EXPECT_STREQ(row["pull_request_link"].GetString(), "p");
  EXPECT_STREQ(row["ticket"].GetString(), "t");
  EXPECT_STREQ(row["slack_id"].GetString(), "s");
  EXPECT_STREQ(row["created_by"].GetString(), "user:1");
  EXPECT_EQ(std::string(row["created_at"].GetString()).size(), 24u);  // RFC 3339, UTC, ms
}

TEST_F(EventsRepository, FieldsLeftOutTakeTheirDefaults) {
  const std::string id = envelope::new_task_id();
  insert_event(tx(), event_json(id, "bare"));
  const auto row = find(id);
  EXPECT_STREQ(row["message"].GetString(), "");
  EXPECT_EQ(row["priority"].GetInt(), 0);
  EXPECT_FALSE(row["impact"].GetBool());
  EXPECT_EQ(row["stake_holders"].Size(), 0u);
  EXPECT_TRUE(row["start_date"].IsNull());
}

TEST_F(EventsRepository, AnUpdateChangesOnlyTheFieldsItNames) {
  const std::string id = envelope::new_task_id();
  insert_event(tx(), event_json(id, "before", "billing", R"(,"message":"kept","priority":2)"));
  EXPECT_TRUE(update_event(tx(), id, R"({"title":"after","priority":4,"impact":true})"));
  const auto row = find(id);
  EXPECT_STREQ(row["title"].GetString(), "after");
  EXPECT_EQ(row["priority"].GetInt(), 4);
  EXPECT_TRUE(row["impact"].GetBool());
  EXPECT_STREQ(row["message"].GetString(), "kept");
  EXPECT_STREQ(row["service"].GetString(), "billing");
}

TEST_F(EventsRepository, AnUnknownIdIsNeitherUpdatedNorDeletedNorFound) {
  const std::string id = envelope::new_task_id();
  EXPECT_FALSE(update_event(tx(), id, R"({"title":"x"})"));
  EXPECT_FALSE(delete_event(tx(), id));
  EXPECT_FALSE(find_event(tx(), id).has_value());
}

TEST_F(EventsRepository, ADeletedEventIsGone) {
  const std::string id = envelope::new_task_id();
  insert_event(tx(), event_json(id, "doomed"));
  EXPECT_TRUE(delete_event(tx(), id));
  EXPECT_FALSE(find_event(tx(), id).has_value());
  EXPECT_FALSE(delete_event(tx(), id));
}

// Ids in the order they were made (UUIDv7 sort by time).
std::string nth_id(int n) {
  char id[37];
  std::snprintf(id, sizeof id, "01900000-0000-7000-8000-%012d", n);
  return id;
}

std::vector<std::string> ids_of(const EventPage& page) {
  std::vector<std::string> ids;
  for (const auto& row : page.rows) {
    rapidjson::Document doc;
    doc.Parse(row.c_str());
    ids.push_back(doc["id"].GetString());
  }
  return ids;
}

TEST_F(EventsRepository, ListsNewestFirstAndCountsEveryPage) {
  for (int n = 1; n <= 3; ++n) insert_event(tx(), event_json(nth_id(n), "e"));
  const EventPage page = list_events(tx(), {}, 2, 0, std::nullopt);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{nth_id(3), nth_id(2)}));
  EXPECT_EQ(ids_of(list_events(tx(), {}, 2, 2, std::nullopt)),
            (std::vector<std::string>{nth_id(1)}));
}

TEST_F(EventsRepository, APageAfterAnIdStartsBelowItWhateverTheOffset) {
  for (int n = 1; n <= 4; ++n) insert_event(tx(), event_json(nth_id(n), "e"));
  EXPECT_EQ(ids_of(list_events(tx(), {}, 10, 3, nth_id(3))),
            (std::vector<std::string>{nth_id(2), nth_id(1)}));
}

TEST_F(EventsRepository, SearchFiltersAllApplyAtOnce) {
  insert_event(tx(), event_json(nth_id(1), "a", "billing", R"(,"priority":1,"impact":true)"));
  insert_event(tx(), event_json(nth_id(2), "b", "billing", R"(,"priority":2,"impact":true)"));
  insert_event(tx(), event_json(nth_id(3), "c", "search", R"(,"priority":1,"impact":true)"));
  insert_event(tx(), event_json(nth_id(4), "d", "billing", R"(,"priority":1)"));
  EventFilter filter;
  filter.service = "billing";
  filter.priority = 1;
  filter.impact = true;
  const EventPage page = list_events(tx(), filter, 10, 0, std::nullopt);
  EXPECT_EQ(page.total, 1);
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{nth_id(1)}));
}

TEST_F(EventsRepository, DateFiltersUseTheStartDateOrElseTheCreationTime) {
  insert_event(tx(), event_json(nth_id(1), "old", "billing",
                                R"(,"start_date":"2020-01-01T00:00:00Z")"));
  insert_event(tx(), event_json(nth_id(2), "undated"));  // created now
  EventFilter before_2021;
  before_2021.end_date = "2021-01-01T00:00:00Z";
  EXPECT_EQ(ids_of(list_events(tx(), before_2021, 10, 0, std::nullopt)),
            (std::vector<std::string>{nth_id(1)}));
  EventFilter today;
  today.today = true;  // created since midnight: both rows, whatever their start
  EXPECT_EQ(list_events(tx(), today, 10, 0, std::nullopt).total, 2);
  EventFilter since_2021;
  since_2021.start_date = "2021-01-01T00:00:00Z";
  EXPECT_EQ(ids_of(list_events(tx(), since_2021, 10, 0, std::nullopt)),
            (std::vector<std::string>{nth_id(2)}));
}

}  // namespace
}  // namespace switchyard::storage::tracker
