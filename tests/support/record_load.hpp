#pragma once
// RecordLoad: closed-loop clients submitting system.record tasks until stopped,
// keeping every answer, for the fault tests (outages, broker cluster); and the
// check those tests end with: every accepted task succeeded with exactly one
// effect (one system_executions row), and every refusal had an allowed status.
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_stack.hpp"

namespace switchyard::testing {

class RecordLoad {
 public:
  struct Answer {
    std::chrono::steady_clock::time_point at;
    long status;  // 0: no answer
  };

  RecordLoad(const std::string& base_url, int threads);
  ~RecordLoad() { stop(); }
  RecordLoad(const RecordLoad&) = delete;
  RecordLoad& operator=(const RecordLoad&) = delete;

  void stop();
  std::size_t accepted();
  // Read after stop().
  const std::vector<std::string>& ids() const { return ids_; }
  const std::map<long, int>& refused() const { return refused_; }
  const std::vector<Answer>& answers() const { return answers_; }

 private:
  std::atomic<bool> running_{true};
  std::mutex mutex_;
  std::vector<std::string> ids_;
  std::map<long, int> refused_;
  std::vector<Answer> answers_;
  std::vector<std::thread> threads_;
};

// Waits up to `wait` for every accepted id to succeed, prints the tally under
// `what`, and expects exactly one effect each and only `allowed_refusals`.
void expect_each_recorded_once(TestStack& stack, const RecordLoad& load, const std::string& what,
                               const std::set<long>& allowed_refusals, std::chrono::seconds wait);

}  // namespace switchyard::testing
