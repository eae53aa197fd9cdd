// A search's totalCount (events_repository's list_events, migration 0022) is the
// number of matching events whichever way it is counted: by one enum (or none)
// and a date range it adds the kept day counts of the range's whole UTC days to
// its partial days counted from the events; it must equal a plain count(*) for
// ranges within a day, across days, open on either side, given as dates or
// date-times in any offset, after inserts, updates moving events between
// days and values, and deletes made from several connections (count shards).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "rolled_back_test.hpp"
#include "storage/tracker/events_repository.hpp"

namespace switchyard::testing {
namespace {

namespace repo = storage::tracker;

// Writes `sql` and commits, on a connection of its own (its own count shard).
void write(const std::string& sql) {
  pqxx::connection connection(migrated_database_url());
  pqxx::work tx(connection);
  tx.exec0(sql);
  tx.commit();
}

// `rows` events numbered from `first`, spread over 40 days by the hour, a third
// with a start date two days before their creation.
std::string insert_events(int first, int rows) {
  return "INSERT INTO tracker_events (id, title, source, type, priority, service, status, "
         "environment, impact, start_date, created_at) "
         "SELECT gen_random_uuid(), 'e' || g, (ARRAY['argocd','jenkins','manual'])[1 + g % 3], "
         "1 + g % 5, 1 + g % 4, 'svc-' || g % 6, 1 + g % 14, 1 + g % 8, g % 9 = 0, "
         "CASE WHEN g % 3 = 0 THEN '2026-03-01T00:00:00Z'::timestamptz + interval '1 hour' * (g % "
         "960) "
         "- interval '2 days' END, "
         "'2026-03-01T00:00:00Z'::timestamptz + interval '1 hour' * (g % 960) + interval '1 "
         "minute' * (g % 60) "
         "FROM generate_series(" +
         std::to_string(first) + ", " + std::to_string(first + rows - 1) + ") g";
}

class EventCounts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    write(insert_events(1, 3000));
    write(insert_events(3001, 3000));
    write(
        "UPDATE tracker_events SET type = 5, start_date = created_at - interval '9 days' "
        "WHERE title LIKE '%7'");
    write("UPDATE tracker_events SET owner = 'x' WHERE title LIKE '%3'");  // no key changes
    write("DELETE FROM tracker_events WHERE title LIKE '%11'");
  }

  // What a plain count(*) of `f` answers.
  static std::int64_t expected(pqxx::transaction_base& tx, const repo::EventFilter& f) {
    std::string where = " WHERE true";
    const auto add = [&](const std::string& column, const std::optional<std::string>& value,
                         const std::string& op = "=") {
      if (value) where += " AND " + column + " " + op + " " + tx.quote(*value);
    };
    add("source", f.source);
    if (f.type) where += " AND type = " + std::to_string(*f.type);
    if (f.status) where += " AND status = " + std::to_string(*f.status);
    if (f.impact) where += std::string(" AND impact = ") + (*f.impact ? "true" : "false");
    add("coalesce(start_date, created_at)", f.start_date, ">=");
    add("coalesce(start_date, created_at)", f.end_date, "<=");
    return tx.exec1("SELECT count(*) FROM tracker_events" + where)[0].as<std::int64_t>();
  }
};

TEST_F(EventCounts, EveryEnumAndDateRangeCountsWhatAPlainCountCounts) {
  pqxx::connection connection(migrated_database_url());
  pqxx::read_transaction tx(connection);
  const std::vector<std::optional<std::string>> starts = {
      std::nullopt, "2026-03-05", "2026-03-05T13:30:00Z", "2026-03-20T23:59:59.999999+02:00",
      "2026-02-01T00:00:00Z"};
  const std::vector<std::optional<std::string>> ends = {std::nullopt, "2026-03-05T18:00:00Z",
                                                        "2026-03-06", "2026-03-25T00:00:00Z",
                                                        "2026-04-01T10:15:00-05:00"};
  int checked = 0;
  for (int enums = 0; enums < 5; ++enums) {
    for (const auto& start : starts) {
      for (const auto& end : ends) {
        repo::EventFilter f;
        if (enums == 1) f.source = "jenkins";
        if (enums == 2) f.type = 5;
        if (enums == 3) f.status = 9;
        if (enums == 4) f.impact = true;
        f.start_date = start;
        f.end_date = end;
        const auto page = repo::list_events(tx, f, 20, 0, std::nullopt);
        EXPECT_EQ(page.total, expected(tx, f))
            << "enum " << enums << " from " << start.value_or("-") << " to " << end.value_or("-");
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 5 * 5);
}

TEST_F(EventCounts, TwoEnumsAreCountedFromTheEvents) {
  pqxx::connection connection(migrated_database_url());
  pqxx::read_transaction tx(connection);
  repo::EventFilter f;
  f.type = 5;
  f.impact = false;
  f.start_date = "2026-03-10";
  const auto statements = repo::event_list_statements(f, 20, 0, std::nullopt);
  EXPECT_EQ(statements.count.sql.find("tracker_event_day_counts"), std::string::npos);
  EXPECT_EQ(repo::list_events(tx, f, 20, 0, std::nullopt).total, expected(tx, f));
}

}  // namespace
}  // namespace switchyard::testing
