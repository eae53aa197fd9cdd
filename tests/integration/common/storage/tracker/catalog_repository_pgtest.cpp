// The tracker catalog's SQL (common/storage/tracker/catalog_repository.hpp) on a
// migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/tracker/catalog_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::tracker {
namespace {

class CatalogRepository : public testing::RolledBackTest {
 protected:
  CatalogEntry find(const std::string& name) {
    const auto entry = find_catalog(tx(), name);
    EXPECT_TRUE(entry.has_value()) << name;
    return entry.value_or(CatalogEntry{});
  }
};

CatalogEntry entry(const std::string& name) {
  CatalogEntry e;
  e.name = name;
  e.type = 1;
  return e;
}

TEST_F(CatalogRepository, AnEntryReadsBackAsWritten) {
  CatalogEntry written = entry("billing");
  written.languages = 1;
  written.owner = "o";
  written.version = "1.2";
  written.link = "l";
  written.description = "d";
  written.repository = "r";
  written.dependencies_in = {"a"};
  written.dependencies_out = {"b", "c"};
  written.sla_level = 2;
  written.sla_uptime_percentage = 99.95;
  written.sla_response_time_ms = 250;
  written.sla_description = "s";
  upsert_catalog(tx(), written);
  const CatalogEntry read = find("billing");
  EXPECT_EQ(read.name, "billing");
  EXPECT_EQ(read.type, 1);
  EXPECT_EQ(read.languages, 1);
  EXPECT_EQ(read.owner, "o");
  EXPECT_EQ(read.version, "1.2");
  EXPECT_EQ(read.link, "l");
  EXPECT_EQ(read.description, "d");
  EXPECT_EQ(read.repository, "r");
  EXPECT_EQ(read.dependencies_in, written.dependencies_in);
  EXPECT_EQ(read.dependencies_out, written.dependencies_out);
  EXPECT_EQ(read.sla_level, 2);
  EXPECT_DOUBLE_EQ(read.sla_uptime_percentage, 99.95);
  EXPECT_EQ(read.sla_response_time_ms, 250);
  EXPECT_EQ(read.sla_description, "s");
  EXPECT_EQ(read.created_at.size(), 24u);  // RFC 3339, UTC
  EXPECT_EQ(read.updated_at.size(), 24u);
}

TEST_F(CatalogRepository, AnUpsertReplacesEveryFieldButKeepsTheCreationTime) {
  CatalogEntry first = entry("billing");
  first.owner = "first";
  first.version = "1";
  upsert_catalog(tx(), first);
  tx().exec0(
      "UPDATE tracker_catalog SET created_at = '2020-01-01T00:00:00Z', "
      "updated_at = '2020-01-01T00:00:00Z'");
  CatalogEntry second = entry("billing");
  second.version = "2";
  upsert_catalog(tx(), second);
  const CatalogEntry read = find("billing");
  EXPECT_EQ(read.version, "2");
  EXPECT_EQ(read.owner, "");  // replaced, not merged
  EXPECT_EQ(read.created_at, "2020-01-01T00:00:00.000Z");
  EXPECT_NE(read.updated_at, "2020-01-01T00:00:00.000Z");
}

TEST_F(CatalogRepository, DeletingAnUnknownNameReportsFalse) {
  upsert_catalog(tx(), entry("billing"));
  EXPECT_FALSE(delete_catalog(tx(), "search"));
  EXPECT_TRUE(delete_catalog(tx(), "billing"));
  EXPECT_FALSE(find_catalog(tx(), "billing").has_value());
}

TEST_F(CatalogRepository, ListsByNameAndCountsEveryPage) {
  for (const char* name : {"charlie", "alpha", "bravo"}) upsert_catalog(tx(), entry(name));
  const CatalogPage page = list_catalog(tx(), 2, 1);
  EXPECT_EQ(page.total, 3);
  std::vector<std::string> names;
  for (const auto& e : page.entries) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"bravo", "charlie"}));
}

}  // namespace
}  // namespace switchyard::storage::tracker
