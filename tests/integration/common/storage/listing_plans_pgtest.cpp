// The plans of the list statements (issue #24) on a ledger big enough for the
// planner to care: 300,000 tasks, 100,000 tracker events and 100,000 incidents made by
// scripts/bench/reads_fill.sql (the data of make bench-reads), analyzed. Every
// filter combination, with common and rare values, must be planned without a
// sequential scan of its table and without walking the tasks' primary key (the
// generic plan of the old catch-all statement walked it backwards, reading the
// whole ledger when few rows matched). Incident lists and event searches by date
// are run (EXPLAIN ANALYZE): no statement may read more incidents than its page
// needs, the counts without `search` none but those created after the page's
// as_of; a search ending long ago must not walk the newer events to reach it.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <optional>
#include <pqxx/pqxx>
#include <regex>
#include <string>
#include <vector>

#include "storage/incidents/incident_repository.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/tracker/events_repository.hpp"
#include "support/rolled_back_test.hpp"
#include "support/test_servers.hpp"

namespace switchyard::storage {
namespace {

// The scans of `plan` (EXPLAIN's JSON node) and its children, as "<node type> on
// <relation or index> [Backward]".
void collect_scans(const rapidjson::Value& plan, std::vector<std::string>& scans) {
  std::string scan = plan["Node Type"].GetString();
  if (plan.HasMember("Index Name")) scan += std::string(" on ") + plan["Index Name"].GetString();
  if (plan.HasMember("Relation Name") && !plan.HasMember("Index Name")) {
    scan += std::string(" on ") + plan["Relation Name"].GetString();
  }
  if (plan.HasMember("Scan Direction") &&
      std::string(plan["Scan Direction"].GetString()) == "Backward") {
    scan += " Backward";
  }
  scans.push_back(scan);
  if (plan.HasMember("Plans")) {
    for (const auto& child : plan["Plans"].GetArray()) collect_scans(child, scans);
  }
}

class ListingPlans : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = testing::migrated_database_url();
    const std::string fill =
        "psql -X -q -v ON_ERROR_STOP=1 -v tasks=300000 -v events=100000 "
        "-v incidents=100000 '" +
        url_ + "' -f '" + testing::source_dir() + "/scripts/bench/reads_fill.sql' >/dev/null";
    ASSERT_EQ(std::system(fill.c_str()), 0) << fill;
  }

  // The scans of `statement`'s plan, joined for messages.
  std::string plan_of(const SqlStatement& statement) {
    pqxx::connection connection(url_);
    pqxx::read_transaction tx(connection);
    SqlStatement explain = statement;
    explain.sql = "EXPLAIN (FORMAT JSON) " + statement.sql;
    rapidjson::Document doc;
    doc.Parse(explain.run(tx)[0][0].c_str());
    std::vector<std::string> scans;
    collect_scans(doc[0]["Plan"], scans);
    std::string joined;
    for (const auto& scan : scans) joined += scan + "; ";
    return joined;
  }

  // How many rows of `relation` `statement`'s scans read (returned or thrown
  // away), and the scans, for messages.
  static std::pair<double, std::string> rows_read(pqxx::connection& connection,
                                                  const SqlStatement& statement,
                                                  const std::string& relation) {
    pqxx::read_transaction tx(connection);
    SqlStatement explain = statement;
    explain.sql = "EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql;
    rapidjson::Document doc;
    doc.Parse(explain.run(tx)[0][0].c_str());
    std::vector<std::string> scans;
    collect_scans(doc[0]["Plan"], scans);
    std::string joined;
    for (const auto& scan : scans) joined += scan + "; ";
    return {rows_of(doc[0]["Plan"], relation), joined};
  }

  static double rows_of(const rapidjson::Value& plan, const std::string& relation) {
    double rows = 0;
    if (plan.HasMember("Relation Name") && plan["Relation Name"].GetString() == relation) {
      double read = plan["Actual Rows"].GetDouble();
      for (const char* removed : {"Rows Removed by Filter", "Rows Removed by Index Recheck"}) {
        if (plan.HasMember(removed)) read += plan[removed].GetDouble();
      }
      rows += read * plan["Actual Loops"].GetDouble();
    }
    if (plan.HasMember("Plans")) {
      for (const auto& child : plan["Plans"].GetArray()) rows += rows_of(child, relation);
    }
    return rows;
  }

  std::string read_one(const std::string& sql) {
    pqxx::connection connection(url_);
    pqxx::read_transaction tx(connection);
    return tx.exec1(sql)[0].as<std::string>();
  }

  inline static std::string url_;
};

TEST_F(ListingPlans, EveryTaskFilterCombinationAvoidsSequentialScansAndThePrimaryKey) {
  const std::string recent = read_one("SELECT (now() - interval '5 minutes')::text");
  const std::string weeks_ago = read_one("SELECT (now() - interval '20 days')::text");
  const std::string cursor_id =
      read_one("SELECT id::text FROM tasks ORDER BY submitted_at OFFSET 100000 LIMIT 1");
  const std::string cursor_at =
      read_one("SELECT submitted_at::text FROM tasks WHERE id = '" + cursor_id + "'");
  struct Values {
    std::string service, action, status, owner, since;
  };
  // Common values; rare ones; and a combination that matches nothing.
  const std::vector<Values> value_sets = {
      {"system", "system_run", "succeeded", "caller-0", weeks_ago},
      {"media", "media_purge", "dead", "rare-caller", recent},
      {"system", "email_run", "retrying", "caller-1", recent},
  };
  int checked = 0;
  for (const Values& v : value_sets) {
    for (int mask = 0; mask < 32; ++mask) {
      for (const bool deep : {false, true}) {
        TaskListFilter filter;
        filter.limit = 100;
        if (mask & 1) filter.service = v.service;
        if (mask & 2) filter.action = v.action;
        if (mask & 4) filter.status = v.status;
        if (mask & 8) filter.submitted_by = v.owner;
        if (mask & 16) filter.since = v.since;
        if (deep) filter.cursor = cursor_id;
        const SqlStatement statement =
            task_list_statement(filter, deep ? std::optional(cursor_at) : std::nullopt);
        const std::string plan = plan_of(statement);
        EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << statement.sql << "\n" << plan;
        EXPECT_EQ(plan.find("tasks_pkey"), std::string::npos) << statement.sql << "\n" << plan;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 3 * 32 * 2);
}

TEST_F(ListingPlans, EventListsUseTheirIndexes) {
  using tracker::EventFilter;
  const std::string month_ago = read_one("SELECT (now() - interval '30 days')::text");
  const std::string token =
      read_one("SELECT id::text FROM tracker_events ORDER BY id OFFSET 50000 LIMIT 1");
  std::vector<std::pair<std::string, EventFilter>> filters;
  filters.emplace_back("none", EventFilter{});
  EventFilter today;
  today.today = true;
  filters.emplace_back("today", today);
  EventFilter service;
  service.service = "service-150";
  filters.emplace_back("service", service);
  EventFilter since;
  since.start_date = month_ago;
  filters.emplace_back("start_date", since);
  EventFilter combined = service;
  combined.environment = 7;
  combined.status = 3;
  combined.start_date = month_ago;
  filters.emplace_back("service, environment, status, start_date", combined);
  EventFilter year_ago;
  year_ago.end_date = read_one("SELECT (now() - interval '365 days')::text");
  filters.emplace_back("end_date (a year ago)", year_ago);
  EventFilter month_long_ago;
  month_long_ago.start_date = read_one("SELECT (now() - interval '400 days')::text");
  month_long_ago.end_date = read_one("SELECT (now() - interval '370 days')::text");
  filters.emplace_back("start_date + end_date (a month long ago)", month_long_ago);
  pqxx::connection connection(url_);
  for (const auto& [name, filter] : filters) {
    for (const bool deep : {false, true}) {
      const auto statements =
          tracker::event_list_statements(filter, 20, 0, deep ? std::optional(token) : std::nullopt);
      const std::string page = plan_of(statements.page);
      EXPECT_EQ(page.find("Seq Scan on tracker_events;"), std::string::npos)
          << name << ": " << page;
      if (!filter.end_date) {
        const std::string count = plan_of(statements.count);
        EXPECT_EQ(count.find("Seq Scan on tracker_events;"), std::string::npos)
            << name << ": " << count;
        continue;
      }
      // Run: the events of the two days past the end date and the page's own;
      // the count's kept day counts and its partial days (its branch for a range
      // within one day is planned with a scan but not run here).
      for (const auto* statement : {&statements.page, &statements.count}) {
        const auto [read, scans] = rows_read(connection, *statement, "tracker_events");
        EXPECT_LE(read, 2000) << name << ": " << statement->sql << "\n" << scans;
      }
    }
  }
}

TEST_F(ListingPlans, EveryIncidentFilterAndOrderingReadsOnlyWhatItsPageNeeds) {
  using incidents::IncidentFilter;
  const auto newest = std::stoll(read_one("SELECT max(seq)::text FROM incidents"));
  const std::string big_service =
      read_one("SELECT service_id::text FROM incidents GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
  const std::string small_service =
      read_one("SELECT service_id::text FROM incidents GROUP BY 1 ORDER BY count(*) LIMIT 1");
  const std::string host = read_one(
      "SELECT substring(description FROM 'host ([0-9a-f]+)') FROM incidents WHERE seq = 777");
  struct Values {
    std::string status, severity, service, search;
  };
  // Common values; rare ones; a combination that matches nothing (and a literal %).
  const std::vector<Values> value_sets = {
      {"RESOLVED", "SEV3_MEDIUM", big_service, "latency"},
      {"TRIGGERED", "SEV1_CRITICAL", small_service, host},
      {"TRIGGERED", "SEV1_CRITICAL", small_service, "100% over"},
  };
  pqxx::connection connection(url_);
  int checked = 0;
  for (const Values& v : value_sets) {
    for (int mask = 0; mask < 16; ++mask) {
      for (const auto ordering : incidents::incident_orderings()) {
        for (const std::int64_t offset : {0, 1000}) {
          IncidentFilter filter;
          filter.limit = 20;
          filter.offset = offset;
          filter.ordering = std::string(ordering);
          if (mask & 1) filter.status = v.status;
          if (mask & 2) filter.severity = v.severity;
          if (mask & 4) filter.service_id = v.service;
          if (mask & 8) filter.search = v.search;
          // A page pinned 30 incidents back, as a second page is.
          const std::int64_t as_of = offset == 0 ? newest : newest - 30;
          // A search the way list_incidents takes it: the walk's count decides.
          auto statements = incidents::incident_list_statements(filter, as_of, newest);
          auto path = incidents::SearchPath::kIndex;
          if (filter.search) {
            statements = incidents::incident_list_statements(filter, as_of, newest,
                                                             incidents::SearchPath::kWalk);
            pqxx::read_transaction tx(connection);
            const auto walked = statements.count.run(tx)[0];
            path =
                incidents::search_path(walked[0].as<std::int64_t>(), walked[1].as<std::int64_t>(),
                                       offset + filter.limit + 1, walked[2].as<bool>());
            if (path == incidents::SearchPath::kIndex) {
              statements = incidents::incident_list_statements(filter, as_of, newest, path);
            }
          }
          const auto [count_rows, count_plan] =
              rows_read(connection, statements.count, "incidents");
          const auto [page_rows, page_plan] = rows_read(connection, statements.page, "incidents");
          EXPECT_EQ(count_plan.find("Seq Scan on incidents"), std::string::npos)
              << statements.count.sql << "\n"
              << count_plan;
          EXPECT_EQ(page_plan.find("Seq Scan on incidents"), std::string::npos)
              << statements.page.sql << "\n"
              << page_plan;
          if (!filter.search) {
            EXPECT_LE(count_rows, newest - as_of) << statements.count.sql << "\n" << count_plan;
          }
          // The page's own rows and the few it looks past; with `search` by the
          // index, at most what counting every match reads (the list's own count
          // stops at kSearchMatchesCounted); walked, the newest incidents of the
          // filters until the page is full, and the count reads no more than
          // kSearchRowsWalked. A common word is walked whatever the filters:
          // a first page reads a few thousand incidents at most, never the
          // index's bitmap of all its matches.
          double every_match_rows = 0;
          if (filter.search && path == incidents::SearchPath::kWalk) {
            EXPECT_LE(count_rows, incidents::kSearchRowsWalked) << statements.count.sql;
            every_match_rows = incidents::kSearchPageRowsWalked / 4.0;
            EXPECT_EQ(page_plan.find("incidents_search_words_idx"), std::string::npos) << page_plan;
          }
          if (v.search == "latency" && (mask & 8) && offset == 0) {
            EXPECT_EQ(path, incidents::SearchPath::kWalk) << "mask " << mask;
            EXPECT_LE(count_rows + page_rows, incidents::kSearchRowsWalked + 2000)
                << statements.page.sql << "\n"
                << page_plan;
          }
          if (filter.search && path == incidents::SearchPath::kIndex) {
            SqlStatement every_match = statements.count;
            every_match.sql =
                std::regex_replace(every_match.sql, std::regex(R"( LIMIT \d+\) m$)"), ") m");
            EXPECT_NE(every_match.sql, statements.count.sql) << "the search's count is not bounded";
            every_match_rows = rows_read(connection, every_match, "incidents").first;
            EXPECT_LE(count_rows, every_match_rows) << statements.count.sql << "\n" << count_plan;
          }
          const double bound =
              2000 + 20.0 * static_cast<double>(offset + filter.limit) + 4 * every_match_rows;
          EXPECT_LE(page_rows, bound) << statements.page.sql << "\n" << page_plan;
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 3 * 16 * 6 * 2);
}

}  // namespace
}  // namespace switchyard::storage
