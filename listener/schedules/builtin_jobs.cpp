#include "schedules/builtin_jobs.hpp"

#include <spdlog/spdlog.h>

#include <cctype>

#include "storage/schedules/schedules_repository.hpp"

namespace switchyard::listener {
namespace {

namespace repo = storage::schedules;
using namespace std::chrono;

}  // namespace

std::string BuiltinJobs::id_of(const std::string& name) {
  std::string id;
  for (const char c : name) {
    id.push_back(std::isalnum(static_cast<unsigned char>(c))
                     ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                     : '_');
  }
  return id;
}

pqxx::connection& BuiltinJobs::connection() {
  if (!db_ || !db_->is_open()) db_ = std::make_unique<pqxx::connection>(database_url_);
  return *db_;
}

void BuiltinJobs::leading(const std::vector<ScheduledJob>& jobs) {
  std::vector<repo::BuiltinJob> rows;
  for (const auto& job : jobs) {
    rows.push_back({id_of(job.name), job.name,
                    std::max<std::int64_t>(1, duration_cast<seconds>(job.interval).count())});
  }
  try {
    pqxx::work tx(connection());
    repo::sync_builtin_jobs(tx, rows);
    tx.commit();
  } catch (const std::exception& e) {
    db_.reset();
    spdlog::warn("scheduler: listing the built-in jobs failed: {}", e.what());
  }
}

void BuiltinJobs::ran(const ScheduledJob& job, bool done, milliseconds next_in) {
  const auto now = floor<seconds>(system_clock::now());
  try {
    pqxx::work tx(connection());
    repo::record_builtin_run(tx, id_of(job.name), done, now, now + duration_cast<seconds>(next_in));
    tx.commit();
  } catch (const std::exception& e) {
    db_.reset();
    spdlog::warn("scheduler: recording the run of {} failed: {}", job.name, e.what());
  }
}

}  // namespace switchyard::listener
