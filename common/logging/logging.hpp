#pragma once
// One logger per process, writing to stderr: `make up` appends it to .run/logs.
// Messages carry fields from one vocabulary: request_id task_id service action
// attempt elapsed_ms outcome, written as key=value.
#include <string>

namespace switchyard::logging {

// `level` is one of trace, debug, info, warn, error, critical, off.
void init(const std::string& process_name, const std::string& level);

}  // namespace switchyard::logging
