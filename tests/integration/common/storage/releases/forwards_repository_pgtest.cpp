// The slave's outbox (common/storage/releases/forwards_repository.hpp) on a
// migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "storage/releases/forwards_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::releases {
namespace {

class ForwardsRepository : public testing::RolledBackTest {};

Component component(const std::string& workload) {
  return {"acme", "prod", "shop", "Deployment", workload, "app"};
}

Image image() { return {"registry.example.com", "web", "1.0", "sha256:1", "2024-05-01T10:00:00Z"}; }

TEST_F(ForwardsRepository, AForwardWaitsWithItsComponentAndBody) {
  enqueue_forward(tx(), component("web"), image());
  const auto pending = pending_forwards(tx(), 10);
  ASSERT_EQ(pending.size(), 1u);
  const auto& f = pending[0];
  EXPECT_EQ(f.component.client_name, "acme");
  EXPECT_EQ(f.component.env_name, "prod");
  EXPECT_EQ(f.component.namespace_name, "shop");
  EXPECT_EQ(f.component.workload_kind, "Deployment");
  EXPECT_EQ(f.component.workload_name, "web");
  EXPECT_EQ(f.component.container_name, "app");
  EXPECT_EQ(f.attempts, 0);
  rapidjson::Document body;
  body.Parse(f.body.c_str());
  EXPECT_STREQ(body["image_tag"].GetString(), "1.0");
  EXPECT_STREQ(body["image_sha"].GetString(), "sha256:1");
  EXPECT_STREQ(body["released_at"].GetString(), "2024-05-01T10:00:00Z");
}

TEST_F(ForwardsRepository, ForwardsLeaveInTheOrderTheyCameUpToTheLimit) {
  for (const char* workload : {"a", "b", "c"}) enqueue_forward(tx(), component(workload), image());
  const auto pending = pending_forwards(tx(), 2);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].component.workload_name, "a");
  EXPECT_EQ(pending[1].component.workload_name, "b");
}

TEST_F(ForwardsRepository, AFailedForwardStaysWithItsAttemptCounted) {
  enqueue_forward(tx(), component("web"), image());
  const auto id = pending_forwards(tx(), 1)[0].id;
  forward_failed(tx(), id, "timeout");
  forward_failed(tx(), id, "timeout");
  const auto pending = pending_forwards(tx(), 1);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].attempts, 2);
}

TEST_F(ForwardsRepository, DeliveredAndRefusedForwardsAreNotSentAgain) {
  enqueue_forward(tx(), component("a"), image());
  enqueue_forward(tx(), component("b"), image());
  enqueue_forward(tx(), component("c"), image());
  const auto pending = pending_forwards(tx(), 10);
  forward_delivered(tx(), pending[0].id);
  forward_refused(tx(), pending[1].id, "400 bad image");
  const auto left = pending_forwards(tx(), 10);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].component.workload_name, "c");
  // The refused one is kept aside, with its reason.
  EXPECT_EQ(
      tx().exec_params1("SELECT last_error FROM release_forwards WHERE id = $1", pending[1].id)[0]
          .as<std::string>(),
      "400 bad image");
}

}  // namespace
}  // namespace switchyard::storage::releases
