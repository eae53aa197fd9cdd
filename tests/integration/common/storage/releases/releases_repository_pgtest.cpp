// The release tracker's SQL (common/storage/releases/releases_repository.hpp) on a
// migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "storage/releases/releases_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::releases {
namespace {

class ReleasesRepository : public testing::RolledBackTest {};

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  return doc;
}

Component component(const std::string& ns = "shop", const std::string& container = "app") {
  return {"acme", "prod", ns, "Deployment", "web", container};
}

Image image(const std::string& tag, const std::string& at) {
  return {"registry.example.com", "web", tag, "sha256:" + tag, at};
}

std::vector<std::string> tags(const std::vector<std::string>& entries) {
  std::vector<std::string> out;
  for (const auto& entry : entries) out.push_back(parse(entry)["image_tag"].GetString());
  return out;
}

TEST_F(ReleasesRepository, TheSameImageAgainMovesItsLastSeenOnly) {
  record_release(tx(), component(), image("1.0", "2024-05-01T10:00:00Z"));
  const auto entry = parse(record_release(tx(), component(), image("1.0", "2024-05-01T11:00:00Z")));
  EXPECT_STREQ(entry["first_seen"].GetString(), "2024-05-01T10:00:00.000Z");
  EXPECT_STREQ(entry["last_seen"].GetString(), "2024-05-01T11:00:00.000Z");
  EXPECT_EQ(release_history(tx(), component())->size(), 1u);
}

TEST_F(ReleasesRepository, AnOlderReportOfTheSameImageDoesNotMoveLastSeenBack) {
  record_release(tx(), component(), image("1.0", "2024-05-01T11:00:00Z"));
  const auto entry = parse(record_release(tx(), component(), image("1.0", "2024-05-01T10:00:00Z")));
  EXPECT_STREQ(entry["last_seen"].GetString(), "2024-05-01T11:00:00.000Z");
}

TEST_F(ReleasesRepository, ANewImageClosesTheOpenEntryOneSecondBeforeIt) {
  record_release(tx(), component(), image("1.0", "2024-05-01T10:00:00Z"));
  record_release(tx(), component(), image("2.0", "2024-05-02T10:00:00Z"));
  const auto history = release_history(tx(), component()).value();
  EXPECT_EQ(tags(history), (std::vector<std::string>{"2.0", "1.0"}));  // newest first
  EXPECT_STREQ(parse(history[1])["last_seen"].GetString(), "2024-05-02T09:59:59.000Z");
  const auto current = current_releases(tx(), std::nullopt, std::nullopt);
  ASSERT_EQ(current.size(), 1u);
  EXPECT_STREQ(parse(current[0].json)["image_tag"].GetString(), "2.0");
}

TEST_F(ReleasesRepository, CurrentReleasesAreFilteredAndSortedByNamespace) {
  record_release(tx(), component("zeta"), image("1.0", "2024-05-01T10:00:00Z"));
  record_release(tx(), component("alpha"), image("1.1", "2024-05-01T10:00:00Z"));
  Component staging = component("beta");
  staging.env_name = "staging";
  record_release(tx(), staging, image("1.2", "2024-05-01T10:00:00Z"));
  const auto prod = current_releases(tx(), std::string("acme"), std::string("prod"));
  ASSERT_EQ(prod.size(), 2u);
  EXPECT_EQ(prod[0].namespace_name, "alpha");
  EXPECT_EQ(prod[1].namespace_name, "zeta");
  const auto entry = parse(prod[0].json);
  EXPECT_STREQ(entry["workload_type"].GetString(), "Deployment");
  EXPECT_STREQ(entry["env_name"].GetString(), "prod");
  EXPECT_EQ(current_releases(tx(), std::nullopt, std::nullopt).size(), 3u);
  EXPECT_TRUE(current_releases(tx(), std::string("other"), std::nullopt).empty());
}

TEST_F(ReleasesRepository, AnUnknownComponentHasNoHistory) {
  EXPECT_FALSE(release_history(tx(), component()).has_value());
}

TEST_F(ReleasesRepository, BadgesShowTheOpenTagOfTheContainerInEachNamespace) {
  record_release(tx(), component("shop"), image("1.0", "2024-05-01T10:00:00Z"));
  record_release(tx(), component("shop"), image("2.0", "2024-05-02T10:00:00Z"));
  record_release(tx(), component("blog"), image("3.0", "2024-05-01T10:00:00Z"));
  record_release(tx(), component("blog", "sidecar"), image("9.9", "2024-05-01T10:00:00Z"));
  const auto badges = badge_releases(tx(), component("ignored"));
  ASSERT_EQ(badges.size(), 2u);
  EXPECT_EQ(badges[0].namespace_name, "blog");
  EXPECT_EQ(badges[0].image_tag, "3.0");
  EXPECT_EQ(badges[1].namespace_name, "shop");
  EXPECT_EQ(badges[1].image_tag, "2.0");
}

}  // namespace
}  // namespace switchyard::storage::releases
