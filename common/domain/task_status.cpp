#include "domain/task_status.hpp"

namespace switchyard::domain {

std::string_view to_string(TaskStatus status) {
  switch (status) {
    case TaskStatus::kScheduled:
      return "scheduled";
    case TaskStatus::kQueued:
      return "queued";
    case TaskStatus::kRunning:
      return "running";
    case TaskStatus::kRetrying:
      return "retrying";
    case TaskStatus::kSucceeded:
      return "succeeded";
    case TaskStatus::kFailed:
      return "failed";
    case TaskStatus::kDead:
      return "dead";
    case TaskStatus::kCancelled:
      return "cancelled";
  }
  return "queued";
}

std::optional<TaskStatus> parse_task_status(std::string_view text) {
  for (TaskStatus s : kAllTaskStatuses) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

bool is_final(TaskStatus status) {
  return status == TaskStatus::kSucceeded || status == TaskStatus::kFailed ||
         status == TaskStatus::kDead || status == TaskStatus::kCancelled;
}

long long progress(TaskStatus status, int attempt) {
  constexpr long long kFinal = 1LL << 40;
  long long step = 0;
  switch (status) {
    case TaskStatus::kSucceeded:
    case TaskStatus::kFailed:
    case TaskStatus::kCancelled:
      return kFinal;
    case TaskStatus::kScheduled:  // a delayed task's queued: both come before the first run
    case TaskStatus::kQueued:
      step = 0;
      break;
    case TaskStatus::kRunning:
      step = 1;
      break;
    case TaskStatus::kRetrying:
      step = 2;
      break;
    case TaskStatus::kDead:
      step = 3;
      break;  // closes its attempt; a replay goes on
  }
  return static_cast<long long>(attempt) * 4 + step;
}

}  // namespace switchyard::domain
