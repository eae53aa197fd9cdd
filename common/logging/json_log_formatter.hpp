#pragma once
// JsonLogFormatter: LOG_FORMAT=json — each log line one JSON object,
//   {"ts":"2026-12-05T11:20:03.512Z","level":"info","process":"worker",
//    "msg":"…","task_id":"…","trace_id":"…"}
// `ts` is RFC 3339 UTC with milliseconds; `task_id` and `trace_id` come from the
// thread's LogContext and are left out when it has none. The message is escaped
// so the line stays one valid JSON line whatever it holds: quotes, backslashes,
// control characters (NUL, newlines) as escapes, invalid UTF-8 as U+FFFD.
#include <spdlog/formatter.h>

#include <string>

namespace switchyard::logging {

class JsonLogFormatter final : public spdlog::formatter {
 public:
  explicit JsonLogFormatter(std::string process) : process_(std::move(process)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLogFormatter>(process_);
  }

 private:
  std::string process_;
};

// Appends `text` to `dest` as the inside of a JSON string (no quotes).
void append_json_escaped(std::string_view text, spdlog::memory_buf_t& dest);

}  // namespace switchyard::logging
