// Worker heartbeats' SQL (common/storage/workers/worker_repository.hpp) on a
// migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "storage/workers/worker_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage {
namespace {

class WorkerRepository : public testing::RolledBackTest {
 protected:
  rapidjson::Document live(int seconds = 60) {
    rapidjson::Document doc;
    doc.Parse(live_workers_json(tx(), seconds).c_str());
    return doc;
  }
};

WorkerBeat beat(const std::string& id, int in_flight) {
  WorkerBeat b;
  b.worker_id = id;
  b.host = "host-1";
  b.pid = 42;
  b.services = {"tracker", "identity"};
  b.in_flight = in_flight;
  b.processed = 7;
  b.started_at = "2024-05-01T10:00:00Z";
  return b;
}

TEST_F(WorkerRepository, ABeatIsListedAsAWorkerSeenNow) {
  record_heartbeat(tx(), beat("w1", 1));
  const auto workers = live();
  ASSERT_EQ(workers.Size(), 1u);
  const auto& w = workers[0];
  EXPECT_STREQ(w["id"].GetString(), "w1");
  EXPECT_STREQ(w["host"].GetString(), "host-1");
  EXPECT_EQ(w["pid"].GetInt(), 42);
  ASSERT_EQ(w["services"].Size(), 2u);
  EXPECT_STREQ(w["services"][1].GetString(), "identity");
  EXPECT_EQ(w["in_flight"].GetInt(), 1);
  EXPECT_STREQ(w["started_at"].GetString(), "2024-05-01T10:00:00.000Z");
}

TEST_F(WorkerRepository, ALaterBeatUpdatesTheCountsButNotTheStart) {
  record_heartbeat(tx(), beat("w1", 1));
  WorkerBeat later = beat("w1", 3);
  later.processed = 9;
  later.started_at = "2024-06-01T10:00:00Z";
  record_heartbeat(tx(), later);
  const auto workers = live();
  ASSERT_EQ(workers.Size(), 1u);
  EXPECT_EQ(workers[0]["in_flight"].GetInt(), 3);
  EXPECT_EQ(workers[0]["processed"].GetInt(), 9);
  EXPECT_STREQ(workers[0]["started_at"].GetString(), "2024-05-01T10:00:00.000Z");
}

TEST_F(WorkerRepository, SilentAndRemovedWorkersAreNotLive) {
  record_heartbeat(tx(), beat("silent", 0));
  record_heartbeat(tx(), beat("stopped", 0));
  record_heartbeat(tx(), beat("alive", 0));
  tx().exec0(
      "UPDATE worker_heartbeats SET last_seen = now() - interval '2 minutes' "
      "WHERE worker_id = 'silent'");
  remove_heartbeat(tx(), "stopped");
  const auto workers = live(60);
  ASSERT_EQ(workers.Size(), 1u);
  EXPECT_STREQ(workers[0]["id"].GetString(), "alive");
  EXPECT_EQ(live(600).Size(), 2u);
}

}  // namespace
}  // namespace switchyard::storage
