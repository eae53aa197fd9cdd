#include "logging/log_context.hpp"

#include <algorithm>

namespace switchyard::logging {
namespace {

thread_local LogContext current;

}  // namespace

const LogContext& current_context() { return current; }

LogScope::LogScope(std::string_view task_id, const trace::TraceContext& trace)
    : previous_(current) {
  current.task_id_length_ = std::min(task_id.size(), current.task_id_.size());
  std::copy_n(task_id.begin(), current.task_id_length_, current.task_id_.begin());
  current.trace_ = trace;
}

LogScope::~LogScope() { current = previous_; }

}  // namespace switchyard::logging
