#include "started_marker.hpp"

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>

#include "storage/tasks/task_repository.hpp"

namespace switchyard::workers {

std::uint64_t StartedMarker::begin(std::string envelope_json) {
  std::lock_guard lock(mutex_);
  const std::uint64_t token = next_token_++;
  current_.emplace(token, Running{std::move(envelope_json), std::chrono::steady_clock::now()});
  return token;
}

void StartedMarker::end(std::uint64_t token) {
  std::lock_guard lock(mutex_);
  current_.erase(token);
}

std::string StartedMarker::take_due() {
  const auto now = std::chrono::steady_clock::now();
  std::string envelopes;
  std::lock_guard lock(mutex_);
  for (auto& [token, task] : current_) {
    if (task.marked || now - task.began < threshold_) continue;
    task.marked = true;
    envelopes.push_back(envelopes.empty() ? '[' : ',');
    envelopes.append(task.envelope_json);
  }
  if (!envelopes.empty()) envelopes.push_back(']');
  return envelopes;
}

void StartedMarker::run() {
  const auto tick = std::max(threshold_ / 5, std::chrono::milliseconds(1));
  std::unique_ptr<pqxx::connection> db;
  while (loop_.wait_for(tick)) {
    const std::string envelopes = take_due();
    if (envelopes.empty()) continue;
    try {
      if (!db) {
        db = std::make_unique<pqxx::connection>(database_url_);
        pqxx::nontransaction(*db).exec0("SET synchronous_commit = off");
        storage::prepare_task_statements(*db);
      }
      pqxx::nontransaction tx(*db);
      storage::mark_running(tx, envelopes);
    } catch (const std::exception& e) {
      db.reset();  // reconnect next time; a missed mark only hides progress
      spdlog::debug("could not mark a task running: {}", e.what());
    }
  }
}

}  // namespace switchyard::workers
