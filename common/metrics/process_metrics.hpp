#pragma once
// The standard per-process series every Switchyard process exposes (the names the
// Prometheus client libraries use), read from /proc at scrape time:
//   process_resident_memory_bytes, process_cpu_seconds_total, process_open_fds,
//   process_start_time_seconds (Unix time).
// Linux only; a series whose /proc file cannot be read is left out.
#include <string>

namespace switchyard::metrics {

void render_process_metrics(std::string& out);

}  // namespace switchyard::metrics
