// Slave pings and the master's overview (common/storage/releases/pings_repository.hpp)
// on a migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <string>

#include "storage/releases/pings_repository.hpp"
#include "storage/releases/releases_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::releases {
namespace {

using std::chrono::seconds;

class PingsRepository : public testing::RolledBackTest {
 protected:
  rapidjson::Document overview(const std::string& client = "") {
    rapidjson::Document doc;
    doc.Parse(clients_environments_json(tx(), seconds(300), client).c_str());
    return doc;
  }
  std::string now_text() { return tx().exec1("SELECT rfc3339(now())")[0].as<std::string>(); }
};

TEST_F(PingsRepository, ARecentPingIsOnlineAndAnOldOneOffline) {
  record_ping(tx(), "acme", "prod", "1.4.0", now_text());
  record_ping(tx(), "acme", "staging", "", "2020-01-01T00:00:00Z");
  const auto doc = overview();
  const auto& pings = doc["ping_statuses"]["acme"];
  EXPECT_STREQ(pings["prod"]["status"].GetString(), "online");
  EXPECT_STREQ(pings["prod"]["slave_version"].GetString(), "1.4.0");
  EXPECT_STREQ(pings["staging"]["status"].GetString(), "offline");
  EXPECT_FALSE(pings["staging"].HasMember("slave_version"));  // unknown: left out
  EXPECT_EQ(doc["clients_environments"]["acme"].Size(), 2u);
}

TEST_F(PingsRepository, ALatePingNeverMovesTheLastPingBack) {
  record_ping(tx(), "acme", "prod", "1.4.0", "2024-05-02T00:00:00Z");
  record_ping(tx(), "acme", "prod", "1.5.0", "2024-05-01T00:00:00Z");
  const auto doc = overview();
  EXPECT_STREQ(doc["ping_statuses"]["acme"]["prod"]["last_ping"].GetString(),
               "2024-05-02T00:00:00.000Z");
  EXPECT_STREQ(doc["ping_statuses"]["acme"]["prod"]["slave_version"].GetString(), "1.5.0");
}

TEST_F(PingsRepository, AnEnvironmentWithReleasesButNoPingIsOffline) {
  record_release(tx(), {"acme", "prod", "shop", "Deployment", "web", "app"},
                 {"r", "web", "1.0", "sha256:1", "2024-05-01T10:00:00Z"});
  const auto doc = overview();
  EXPECT_STREQ(doc["ping_statuses"]["acme"]["prod"]["status"].GetString(), "offline");
  EXPECT_EQ(doc["statistics"]["total_releases"].GetInt(), 1);
}

TEST_F(PingsRepository, AClientSeesOnlyItsOwnEnvironmentsAndReleases) {
  record_ping(tx(), "acme", "prod", "", now_text());
  record_ping(tx(), "other", "prod", "", now_text());
  record_release(tx(), {"other", "prod", "shop", "Deployment", "web", "app"},
                 {"r", "web", "1.0", "sha256:1", "2024-05-01T10:00:00Z"});
  const auto doc = overview("acme");
  EXPECT_TRUE(doc["clients_environments"].HasMember("acme"));
  EXPECT_FALSE(doc["clients_environments"].HasMember("other"));
  EXPECT_EQ(doc["statistics"]["total_clients"].GetInt(), 1);
  EXPECT_EQ(doc["statistics"]["total_environments"].GetInt(), 1);
  EXPECT_EQ(doc["statistics"]["total_releases"].GetInt(), 0);
  EXPECT_EQ(overview()["statistics"]["total_clients"].GetInt(), 2);
}

}  // namespace
}  // namespace switchyard::storage::releases
