// Tracker events' SQL (common/storage/tracker/events_repository.hpp) on a migrated
// database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "storage/tracker/events_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::tracker {
namespace {

class EventsRepository : public testing::RolledBackTest {
 protected:
  Event find(const std::string& id) {
    const auto event = find_event(tx(), id);
    EXPECT_TRUE(event.has_value()) << id;
    return event.value_or(Event{});
  }
};

// Ids in the order they were made (UUIDv7 sort by time).
std::string nth_id(int n) {
  char id[37];
  std::snprintf(id, sizeof id, "01900000-0000-7000-8000-%012d", n);
  return id;
}

Event event(int n, const std::string& title, const std::string& service = "billing") {
  Event e;
  e.id = nth_id(n);
  e.title = title;
  e.type = 1;
  e.service = service;
  return e;
}

std::vector<std::string> ids_of(const EventPage& page) {
  std::vector<std::string> ids;
  for (const auto& e : page.events) ids.push_back(e.id);
  return ids;
}

TEST_F(EventsRepository, InsertingTheSameIdTwiceKeepsTheFirstRow) {
  EXPECT_TRUE(insert_event(tx(), event(1, "first")));
  EXPECT_FALSE(insert_event(tx(), event(1, "second")));
  EXPECT_EQ(find(nth_id(1)).title, "first");
}

TEST_F(EventsRepository, AnEventReadsBackAsWritten) {
  Event written = event(1, "deploy");
  written.message = "m";
  written.source = "ci";
  written.priority = 2;
  written.related_id = "r";
  written.status = 3;
  written.environment = 7;
  written.impact = true;
  written.start_date = "2024-05-01T10:00:00Z";
  written.end_date = "2024-05-01T12:05:30+02:00";
  written.owner = "o";
  written.stake_holders = {"a", "b \"c\" \\d", "{e,f}"};
  written.notification = true;
  written.pull_request_link = "p";
  written.ticket = "t";
  written.slack_id = "s";
  written.created_by = "user:1";
  written.created_at = "1999-01-01T00:00:00Z";  // the database's to set
  insert_event(tx(), written);
  const Event read = find(nth_id(1));
  EXPECT_EQ(read.id, nth_id(1));
  EXPECT_EQ(read.title, "deploy");
  EXPECT_EQ(read.message, "m");
  EXPECT_EQ(read.source, "ci");
  EXPECT_EQ(read.type, 1);
  EXPECT_EQ(read.priority, 2);
  EXPECT_EQ(read.related_id, "r");
  EXPECT_EQ(read.service, "billing");
  EXPECT_EQ(read.status, 3);
  EXPECT_EQ(read.environment, 7);
  EXPECT_TRUE(read.impact);
  EXPECT_EQ(read.start_date, "2024-05-01T10:00:00.000Z");  // RFC 3339, UTC
  EXPECT_EQ(read.end_date, "2024-05-01T10:05:30.000Z");
  EXPECT_EQ(read.owner, "o");
  EXPECT_EQ(read.stake_holders, written.stake_holders);
  EXPECT_TRUE(read.notification);
  EXPECT_EQ(read.pull_request_link, "p");
  EXPECT_EQ(read.ticket, "t");
  EXPECT_EQ(read.slack_id, "s");
  EXPECT_EQ(read.created_by, "user:1");
  EXPECT_EQ(read.created_at.size(), 24u);
  EXPECT_NE(read.created_at.substr(0, 4), "1999");
}

TEST_F(EventsRepository, FieldsLeftOutTakeTheirDefaults) {
  insert_event(tx(), event(1, "bare"));
  const Event read = find(nth_id(1));
  EXPECT_EQ(read.message, "");
  EXPECT_EQ(read.priority, 0);
  EXPECT_FALSE(read.impact);
  EXPECT_TRUE(read.stake_holders.empty());
  EXPECT_FALSE(read.start_date.has_value());
  EXPECT_FALSE(read.end_date.has_value());
}

TEST_F(EventsRepository, AnUpdateWritesEveryChangeableFieldButNotItsCreator) {
  Event written = event(1, "before");
  written.message = "kept";
  written.created_by = "user:1";
  insert_event(tx(), written);
  Event changed = find(nth_id(1));
  changed.title = "after";
  changed.priority = 4;
  changed.start_date = "2024-05-01T10:00:00Z";
  changed.stake_holders = {"x"};
  changed.created_by = "user:2";
  EXPECT_TRUE(update_event(tx(), changed));
  const Event read = find(nth_id(1));
  EXPECT_EQ(read.title, "after");
  EXPECT_EQ(read.priority, 4);
  EXPECT_EQ(read.start_date, "2024-05-01T10:00:00.000Z");
  EXPECT_EQ(read.stake_holders, std::vector<std::string>{"x"});
  EXPECT_EQ(read.message, "kept");
  EXPECT_EQ(read.created_by, "user:1");
}

TEST_F(EventsRepository, AnUnknownIdIsNeitherUpdatedNorDeletedNorFound) {
  EXPECT_FALSE(update_event(tx(), event(1, "x")));
  EXPECT_FALSE(delete_event(tx(), nth_id(1)));
  EXPECT_FALSE(find_event(tx(), nth_id(1)).has_value());
  EXPECT_FALSE(find_event_for_update(tx(), nth_id(1)).has_value());
}

TEST_F(EventsRepository, ADeletedEventIsGone) {
  insert_event(tx(), event(1, "doomed"));
  EXPECT_TRUE(delete_event(tx(), nth_id(1)));
  EXPECT_FALSE(find_event(tx(), nth_id(1)).has_value());
  EXPECT_FALSE(delete_event(tx(), nth_id(1)));
}

TEST_F(EventsRepository, ListsNewestFirstAndCountsEveryPage) {
  for (int n = 1; n <= 3; ++n) insert_event(tx(), event(n, "e"));
  const EventPage page = list_events(tx(), {}, 2, 0, std::nullopt);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{nth_id(3), nth_id(2)}));
  EXPECT_EQ(ids_of(list_events(tx(), {}, 2, 2, std::nullopt)),
            (std::vector<std::string>{nth_id(1)}));
}

TEST_F(EventsRepository, APageAfterAnIdStartsBelowItWhateverTheOffset) {
  for (int n = 1; n <= 4; ++n) insert_event(tx(), event(n, "e"));
  EXPECT_EQ(ids_of(list_events(tx(), {}, 10, 3, nth_id(3))),
            (std::vector<std::string>{nth_id(2), nth_id(1)}));
}

TEST_F(EventsRepository, SearchFiltersAllApplyAtOnce) {
  const auto add = [&](int n, const char* service, int priority, bool impact) {
    Event e = event(n, "e", service);
    e.priority = priority;
    e.impact = impact;
    insert_event(tx(), e);
  };
  add(1, "billing", 1, true);
  add(2, "billing", 2, true);
  add(3, "search", 1, true);
  add(4, "billing", 1, false);
  EventFilter filter;
  filter.service = "billing";
  filter.priority = 1;
  filter.impact = true;
  const EventPage page = list_events(tx(), filter, 10, 0, std::nullopt);
  EXPECT_EQ(page.total, 1);
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{nth_id(1)}));
}

TEST_F(EventsRepository, DateFiltersUseTheStartDateOrElseTheCreationTime) {
  Event old = event(1, "old");
  old.start_date = "2020-01-01T00:00:00Z";
  insert_event(tx(), old);
  insert_event(tx(), event(2, "undated"));  // created now
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

// An end date's search (migration 0027) joins two walks: the events created by
// shortly after the end date, and those recorded long after they started. Ids
// here are made in 2020 or 2024; every row is created now.
TEST_F(EventsRepository, AnEndDateSearchListsRecentAndBackdatedEventsNewestFirstOnEveryPage) {
  const auto dated = [&](const std::string& id, const char* start) {
    Event e = event(0, "e");
    e.id = id;
    e.start_date = start;
    insert_event(tx(), e);
  };
  const std::string made_jan_2020 = "016fa67f-f000-7000-8000-000000000001";
  const std::string made_jun_2020 = "0172b546-9000-7000-8000-000000000001";
  dated(made_jan_2020, "2021-03-01T00:00:00Z");  // made before the end date
  dated(made_jun_2020, "2021-06-01T00:00:00Z");
  dated(nth_id(5), "2021-01-01T00:00:00Z");  // made long after it: backdated
  dated(nth_id(6), "2023-01-01T00:00:00Z");  // starts after the end date
  insert_event(tx(), event(7, "undated"));   // created now
  EventFilter until_2022;
  until_2022.end_date = "2022-01-01T00:00:00Z";
  const EventPage first = list_events(tx(), until_2022, 2, 0, std::nullopt);
  EXPECT_EQ(first.total, 3);
  EXPECT_EQ(ids_of(first), (std::vector<std::string>{nth_id(5), made_jun_2020}));
  EXPECT_EQ(ids_of(list_events(tx(), until_2022, 2, 2, std::nullopt)),
            (std::vector<std::string>{made_jan_2020}));
  EXPECT_EQ(ids_of(list_events(tx(), until_2022, 5, 0, nth_id(5))),
            (std::vector<std::string>{made_jun_2020, made_jan_2020}));
  until_2022.service = "billing";
  until_2022.start_date = "2021-02-01T00:00:00Z";
  EXPECT_EQ(ids_of(list_events(tx(), until_2022, 5, 0, std::nullopt)),
            (std::vector<std::string>{made_jun_2020, made_jan_2020}));
}

}  // namespace
}  // namespace switchyard::storage::tracker
