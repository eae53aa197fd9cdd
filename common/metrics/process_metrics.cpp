#include "metrics/process_metrics.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "metrics/text_format.hpp"

namespace switchyard::metrics {
namespace {

// The fields of /proc/self/stat after the command name, numbered as in proc(5)
// (field 3, state, is fields[0]).
std::vector<std::string> stat_fields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const auto name_end = line.rfind(')');
  if (name_end == std::string::npos) return {};
  std::istringstream rest(line.substr(name_end + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

double boot_time_seconds() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double seconds = 0;
      in >> seconds;
      return seconds;
    }
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return 0;
}

double field(const std::vector<std::string>& fields, int number) {
  return std::stod(fields.at(static_cast<std::size_t>(number - 3)));
}

}  // namespace

void render_process_metrics(std::string& out) {
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  if (const auto fields = stat_fields(); fields.size() >= 22) {
    write_family(out, "process_cpu_seconds_total", "counter",
                 "Total user and system CPU time spent in seconds.");
    write_sample(out, "process_cpu_seconds_total", "",
                 (field(fields, 14) + field(fields, 15)) / ticks);
    write_family(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    write_sample(out, "process_resident_memory_bytes", "",
                 field(fields, 24) * static_cast<double>(::sysconf(_SC_PAGESIZE)));
    write_family(out, "process_start_time_seconds", "gauge",
                 "Start time of the process since unix epoch in seconds.");
    write_sample(out, "process_start_time_seconds", "",
                 boot_time_seconds() + field(fields, 22) / ticks);
  }
  std::error_code error;
  std::uint64_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end;
       it.increment(error)) {
    ++fds;
  }
  if (!error) {
    write_family(out, "process_open_fds", "gauge", "Number of open file descriptors.");
    write_sample(out, "process_open_fds", "", fds);
  }
}

}  // namespace switchyard::metrics
