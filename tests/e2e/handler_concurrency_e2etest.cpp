// Handler concurrency: the tasks of one window run side by side on the worker's
// handler threads (WORKER_CONCURRENCY), not one after another.
//
// A first sleep holds the worker while four more are queued behind it, so the four
// arrive in one window. The check is on the tasks' own started_at, not on the wall
// clock: every one of the four started before the first one's sleep was over.
// Its own stack, because a worker that re-executes itself (timeouts_e2etest) gets
// its prefetched deliveries back redelivered, and redelivered tasks run alone by
// design (workers/quarantine.hpp).
#include <gtest/gtest.h>

#include <algorithm>

#include "envelope/timestamp.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

using std::chrono::seconds;

TEST(HandlerConcurrency, TheTasksOfOneWindowRunSideBySide) {
  TestStack stack({"handler_concurrency_e2e", 1, {{"WORKER_CONCURRENCY", "4"}}});
  TaskApiClient api(stack.base_url());

  const std::string blocker =
      api.submit_id(R"({"service":"system","action":"sleep","payload":{"ms":2000}})");
  ASSERT_TRUE(api.reaches(blocker, "running", seconds(10)));
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(api.submit_id(R"({"service":"system","action":"sleep","payload":{"ms":1000}})"));
  }
  for (const auto& id : ids) ASSERT_TRUE(api.reaches(id, "succeeded", seconds(20)));

  // finished_at is when the window's outcomes were committed, the same for all
  // four; started_at is when a handler thread took the task.
  std::vector<std::chrono::system_clock::time_point> starts;
  for (const auto& id : ids) {
    const auto task = parse_json(api.get("/api/v1/tasks/" + id).body);
    const auto started = envelope::parse_timestamp(task["started_at"].GetString());
    ASSERT_TRUE(started) << id;
    starts.push_back(*started);
  }
  const auto [first, last] = std::minmax_element(starts.begin(), starts.end());
  EXPECT_LT(*last - *first, std::chrono::milliseconds(1000))
      << "a sleep started only after the first one's second was over: one task at a time";
}

}  // namespace
}  // namespace switchyard::testing
