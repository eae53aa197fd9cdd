// The incident list (incident_repository's list_incidents, migration 0022) gives
// what the plain statement gives: for every filter combination, ordering, page
// and as_of, the same exact count — taken from the counts the triggers keep when
// there is no `search`, directly otherwise or for a list pinned far back; a
// search's matches counted up to a limit, a lower bound past it — and
// the same incidents in the same order, after inserts, status and severity
// changes and deletes made from several connections (several count shards).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <string>
#include <vector>

#include "item_ids.hpp"
#include "rolled_back_test.hpp"
#include "storage/incidents/incident_repository.hpp"

namespace switchyard::testing {
namespace {

namespace repo = storage::incidents;

constexpr const char* kServices[] = {"7a000000-0000-4000-8000-000000000001",
                                     "7a000000-0000-4000-8000-000000000002"};

// Writes `sql` and commits, on a connection of its own (its own count shard).
void write(const std::string& sql) {
  pqxx::connection connection(migrated_database_url());
  pqxx::work tx(connection);
  tx.exec0(sql);
  tx.commit();
}

// `rows` incidents numbered from `first`, their values spread by number; one
// in seven says "needle 100%" in its description.
std::string insert_incidents(int first, int rows) {
  return "INSERT INTO incidents (id, short_id, title, description, severity, status, service_id, "
         "created_by, detected_at, created_at) "
         "SELECT gen_random_uuid(), 'INC-' || lpad(to_hex(g), 6, '0'), 'Incident ' || g, "
         "CASE WHEN g % 7 = 0 THEN 'needle 100% found' ELSE 'nothing_here' END, "
         "(ARRAY['SEV1_CRITICAL','SEV2_HIGH','SEV3_MEDIUM','SEV4_LOW'])[1 + g % 4], "
         "(ARRAY['TRIGGERED','ACKNOWLEDGED','MITIGATED','RESOLVED'])[1 + (g / 4) % 4], "
         "(ARRAY['" +
         std::string(kServices[0]) + "','" + kServices[1] +
         "'])[1 + (g / 16) % 2]::uuid, "
         "'test', now() - interval '1 hour' * (g % 50) - interval '1 minute', "
         "now() - interval '1 hour' * (g % 50) "
         "FROM generate_series(" +
         std::to_string(first) + ", " + std::to_string(first + rows - 1) + ") g";
}

class IncidentList : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    write(std::string("INSERT INTO incident_services (id, name) VALUES ('") + kServices[0] +
          "', 'one'), ('" + kServices[1] + "', 'two')");
    // More than the later incidents a count subtracts (10,000): a list pinned
    // at the start counts directly.
    write(insert_incidents(1, 6000));
    write(insert_incidents(6001, 6000));
    write("UPDATE incidents SET status = 'RESOLVED', severity = 'SEV2_HIGH' WHERE seq % 5 = 0");
    write("UPDATE incidents SET war_room_link = 'https://x' WHERE seq % 3 = 0");
    write("DELETE FROM incidents WHERE seq % 11 = 0");
    write(insert_incidents(12001, 300));
  }

  // What the plain statement answers: the count and the page's ids.
  static std::pair<std::int64_t, std::vector<std::string>> expected(pqxx::transaction_base& tx,
                                                                    const repo::IncidentFilter& f,
                                                                    std::int64_t as_of) {
    std::string where = " WHERE seq <= " + std::to_string(as_of);
    if (f.status) where += " AND status = " + tx.quote(*f.status);
    if (f.severity) where += " AND severity = " + tx.quote(*f.severity);
    if (f.service_id) where += " AND service_id = " + tx.quote(*f.service_id);
    if (f.search)
      where += " AND strpos(title || ' ' || description, " + tx.quote(*f.search) + ") > 0";
    const std::string lifecycle =
        "array_position(ARRAY['TRIGGERED','ACKNOWLEDGED','MITIGATED','RESOLVED'], status)";
    std::string order = "created_at DESC, seq DESC";
    if (f.ordering == "created_at") order = "created_at, seq";
    if (f.ordering == "severity") order = "severity, " + order;
    if (f.ordering == "-severity") order = "severity DESC, " + order;
    if (f.ordering == "status") order = lifecycle + ", " + order;
    if (f.ordering == "-status") order = lifecycle + " DESC, " + order;
    const auto count = tx.exec1("SELECT count(*) FROM incidents" + where)[0].as<std::int64_t>();
    std::vector<std::string> page;
    for (const auto& row :
         tx.exec("SELECT id::text FROM incidents" + where + " ORDER BY " + order + " LIMIT " +
                 std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset))) {
      page.push_back(row[0].as<std::string>());
    }
    return {count, page};
  }
};

TEST_F(IncidentList, EveryFilterOrderingPageAndAsOfGivesWhatThePlainStatementGives) {
  pqxx::connection connection(migrated_database_url());
  pqxx::read_transaction tx(connection);
  const auto newest = tx.exec1("SELECT max(seq) FROM incidents")[0].as<std::int64_t>();
  int checked = 0, searches_counted = 0, searches_bounded = 0;
  for (int mask = 0; mask < 16; ++mask) {
    for (const auto ordering : repo::incident_orderings()) {
      for (const std::int64_t as_of : {newest, newest - 40, std::int64_t{500}}) {
        for (const std::int64_t offset : {0, 20, 1400}) {
          repo::IncidentFilter f;
          if (mask & 1) f.status = "MITIGATED";
          if (mask & 2) f.severity = "SEV2_HIGH";
          if (mask & 4) f.service_id = kServices[1];
          if (mask & 8) f.search = "needle 100%";
          f.ordering = std::string(ordering);
          f.as_of = as_of;
          f.offset = offset;
          f.limit = 20;
          const auto page = repo::list_incidents(tx, f);
          const auto [count, want] = expected(tx, f, as_of);
          const std::string what = "mask " + std::to_string(mask) + " " + f.ordering + " as_of " +
                                   std::to_string(as_of) + " offset " + std::to_string(offset);
          if (f.search) {
            // A search's count is exact or a lower bound that still tells
            // whether a next page exists.
            if (page.count_exact) {
              EXPECT_EQ(page.count, count) << what;
            } else {
              EXPECT_LT(page.count, count + 1) << what;
              EXPECT_GE(page.count, std::min(count, offset + f.limit + 1)) << what;
            }
            EXPECT_EQ(page.count > offset + f.limit, count > offset + f.limit) << what;
            ++(page.count_exact ? searches_counted : searches_bounded);
          } else {
            EXPECT_EQ(page.count, count) << what;
            EXPECT_TRUE(page.count_exact) << what;
          }
          EXPECT_EQ(ids_of(page.items_json), want) << what;
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 16 * 6 * 3 * 3);
  EXPECT_GT(searches_counted, 0);
  EXPECT_GT(searches_bounded, 0);
}

TEST_F(IncidentList, SearchTakesPercentAndUnderscoreLiterally) {
  pqxx::connection connection(migrated_database_url());
  pqxx::read_transaction tx(connection);
  repo::IncidentFilter f;
  f.search = "100%";
  const auto with_percent = repo::list_incidents(tx, f).count;
  EXPECT_GT(with_percent, 0);
  f.search = "100%found";  // % is no wildcard: "100% found" does not match
  EXPECT_EQ(repo::list_incidents(tx, f).count, 0);
  f.search = "nothing_here";
  const auto underscored = repo::list_incidents(tx, f).count;
  EXPECT_GT(underscored, 0);
  f.search = "nothing here";
  EXPECT_EQ(repo::list_incidents(tx, f).count, 0);
  f.search = "nothingxhere";  // _ is no wildcard either
  EXPECT_EQ(repo::list_incidents(tx, f).count, 0);
}

}  // namespace
}  // namespace switchyard::testing
