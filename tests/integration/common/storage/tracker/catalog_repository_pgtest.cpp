// The tracker catalog's SQL (common/storage/tracker/catalog_repository.hpp) on a
// migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "storage/tracker/catalog_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::tracker {
namespace {

class CatalogRepository : public testing::RolledBackTest {
 protected:
  rapidjson::Document find(const std::string& name) {
    const auto row = find_catalog(tx(), name);
    EXPECT_TRUE(row.has_value()) << name;
    rapidjson::Document doc;
    doc.Parse(row.value_or("{}").c_str());
    return doc;
  }
};

std::string entry_json(const std::string& name, const std::string& extra = "") {
  return R"({"name":")" + name + R"(","type":1)" + extra + "}";
}

TEST_F(CatalogRepository, AnEntryReadsBackAsWritten) {
  upsert_catalog(tx(), entry_json("billing", R"(,"languages":1,"owner":"o","version":"1.2",)"
                                             R"("link":"l","description":"d","repository":"r",)"
                                             R"("dependencies_in":["a"],"dependencies_out":["b","c"],)"
                                             R"("sla_level":2,"sla_uptime_percentage":99.5,)"
                                             R"("sla_response_time_ms":250,"sla_description":"s")"));
  const auto row = find("billing");
  EXPECT_EQ(row["type"].GetInt(), 1);
  EXPECT_EQ(row["languages"].GetInt(), 1);
  EXPECT_STREQ(row["owner"].GetString(), "o");
  EXPECT_STREQ(row["version"].GetString(), "1.2");
  EXPECT_STREQ(row["link"].GetString(), "l");
  EXPECT_STREQ(row["description"].GetString(), "d");
  EXPECT_STREQ(row["repository"].GetString(), "r");
  ASSERT_EQ(row["dependencies_in"].Size(), 1u);
  ASSERT_EQ(row["dependencies_out"].Size(), 2u);
  EXPECT_STREQ(row["dependencies_out"][1].GetString(), "c");
  EXPECT_EQ(row["sla_level"].GetInt(), 2);
  EXPECT_DOUBLE_EQ(row["sla_uptime_percentage"].GetDouble(), 99.5);
  EXPECT_EQ(row["sla_response_time_ms"].GetInt(), 250);
  EXPECT_STREQ(row["sla_description"].GetString(), "s");
  EXPECT_EQ(std::string(row["created_at"].GetString()).size(), 24u);
}

TEST_F(CatalogRepository, AnUpsertReplacesEveryFieldButKeepsTheCreationTime) {
  upsert_catalog(tx(), entry_json("billing", R"(,"owner":"first","version":"1")"));
  tx().exec0("UPDATE tracker_catalog SET created_at = '2020-01-01T00:00:00Z', updated_at = '2020-01-01T00:00:00Z'");
  upsert_catalog(tx(), entry_json("billing", R"(,"version":"2")"));
  const auto row = find("billing");
  EXPECT_STREQ(row["version"].GetString(), "2");
  EXPECT_STREQ(row["owner"].GetString(), "");  // replaced, not merged
  EXPECT_STREQ(row["created_at"].GetString(), "2020-01-01T00:00:00.000Z");
  EXPECT_STRNE(row["updated_at"].GetString(), "2020-01-01T00:00:00.000Z");
}

TEST_F(CatalogRepository, DeletingAnUnknownNameReportsFalse) {
  upsert_catalog(tx(), entry_json("billing"));
  EXPECT_FALSE(delete_catalog(tx(), "search"));
  EXPECT_TRUE(delete_catalog(tx(), "billing"));
  EXPECT_FALSE(find_catalog(tx(), "billing").has_value());
}

TEST_F(CatalogRepository, ListsByNameAndCountsEveryPage) {
  for (const char* name : {"charlie", "alpha", "bravo"}) upsert_catalog(tx(), entry_json(name));
  const CatalogPage page = list_catalog(tx(), 2, 1);
  EXPECT_EQ(page.total, 3);
  std::vector<std::string> names;
  for (const auto& row : page.rows) {
    rapidjson::Document doc;
    doc.Parse(row.c_str());
    names.push_back(doc["name"].GetString());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"bravo", "charlie"}));
}

}  // namespace
}  // namespace switchyard::storage::tracker
