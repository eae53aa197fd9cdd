#pragma once
// The life of a task: (scheduled | queued) → running → (retrying → running)* → one final state.
// Messages about a task can arrive in any order; progress() orders them so that a
// stored status only ever moves forward (the SQL twin is task_progress() in
// migrations/0001_create_tasks.sql).
#include <optional>
#include <string_view>

namespace switchyard::domain {

enum class TaskStatus {
  kScheduled,
  kQueued,
  kRunning,
  kRetrying,
  kSucceeded,
  kFailed,
  kDead,
  kCancelled
};

std::string_view to_string(TaskStatus status);
std::optional<TaskStatus> parse_task_status(std::string_view text);

bool is_final(TaskStatus status);

// A total order over (attempt, status): later attempts are ahead of earlier ones;
// succeeded, failed and cancelled are ahead of everything; dead closes its attempt
// (a replayed dead letter is the next attempt and goes on from there).
long long progress(TaskStatus status, int attempt);

inline constexpr TaskStatus kAllTaskStatuses[] = {
    TaskStatus::kScheduled, TaskStatus::kQueued, TaskStatus::kRunning, TaskStatus::kRetrying,
    TaskStatus::kSucceeded, TaskStatus::kFailed, TaskStatus::kDead,    TaskStatus::kCancelled};

}  // namespace switchyard::domain
