// Worker pools (config/services.yaml `pool`, workers/service_pool.hpp) end to end:
// one worker process whose `system` service has a pool of its own. While a window
// of a system.sleep task holds that pool, a write of another service (an incident
// team, an awaited task) is completed and answered by the default pool — it does
// not wait for the sleeps, as it would if both shared one consumer loop.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "task_api_client.hpp"
#include "temp_dir.hpp"

namespace switchyard::testing {
namespace {

// The repository's services.yaml with `system` moved to a pool named `slow`.
std::string services_with_slow_system() {
  std::ifstream in(source_dir() + "/config/services.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string key = "\n  system:\n";
  const auto at = yaml.find(key);
  EXPECT_NE(at, std::string::npos) << "config/services.yaml has no system service";
  if (at != std::string::npos) yaml.insert(at + key.size(), "    pool: slow\n");
  return yaml;
}

TEST(ServicePools, AWriteOfTheDefaultPoolIsAnsweredWhileAnotherPoolsWindowIsStillRunning) {
  TempDir config;
  config.write("services.yaml", services_with_slow_system());
  TestStack stack({"service_pools_e2e",
                   1,
                   {{"SERVICES_CONFIG_FILE", (config.path() / "services.yaml").string()}}});
  TaskApiClient api(stack.base_url());

  const std::string sleep = api.submit_id(
      R"({"service":"system","action":"sleep","payload":{"ms":8000},"max_attempts":1})");
  ASSERT_TRUE(api.reaches(sleep, "running"));

  const auto created = api.http().request(
      "POST", "/api/v1/teams/", R"({"name":"Pool Team"})",
      {{"Authorization", "Bearer dev-admin-key"}, {"Content-Type", "application/json"}});
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(api.status_of(sleep), "running") << "the team waited for the sleep's window";
  EXPECT_TRUE(api.reaches(sleep, "succeeded"));
}

}  // namespace
}  // namespace switchyard::testing
