#pragma once
// LogContext: what the work running on this thread is about — the task and the
// trace — so every log line it emits carries them (the JSON log's `task_id` and
// `trace_id`, the text log's trailing fields) without each call site passing
// them. A LogScope sets it for a block (a task's handler, a request's handling)
// and restores the previous one when the block ends. Setting it copies a few
// fixed-size buffers: no allocation, no lock (the worker sets it per task).
#include <array>
#include <string_view>

#include "trace/trace_context.hpp"

namespace switchyard::logging {

class LogContext {
 public:
  std::string_view task_id() const { return {task_id_.data(), task_id_length_}; }
  const trace::TraceContext& trace() const { return trace_; }
  bool empty() const { return task_id_length_ == 0 && !trace_.valid(); }

 private:
  friend class LogScope;
  std::array<char, 64> task_id_{};  // a UUID; longer ids are cut (they are not ours)
  std::size_t task_id_length_ = 0;
  trace::TraceContext trace_;
};

// This thread's context (empty outside any LogScope).
const LogContext& current_context();

class LogScope {
 public:
  LogScope(std::string_view task_id, const trace::TraceContext& trace);
  ~LogScope();
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;

 private:
  LogContext previous_;
};

}  // namespace switchyard::logging
