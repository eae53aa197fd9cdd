#pragma once
// One logger per process, writing to stderr: `make up` appends it to .run/logs.
// Messages carry fields from one vocabulary: request_id task_id service action
// attempt elapsed_ms outcome, written as key=value. Lines emitted inside a
// LogScope (log_context.hpp) also carry its task and trace: LOG_FORMAT=text
// appends ` task_id=… trace_id=…`, LOG_FORMAT=json writes them as fields of the
// line's JSON object (json_log_formatter.hpp).
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::logging {

enum class LogFormat { kText, kJson };

// "text" or "json"; nullopt for anything else.
std::optional<LogFormat> parse_log_format(std::string_view text);

// `level` is one of trace, debug, info, warn, error, critical, off.
void init(const std::string& process_name, const std::string& level,
          LogFormat format = LogFormat::kText);

}  // namespace switchyard::logging
