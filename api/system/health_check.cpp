#include "system/health_check.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/statvfs.h>

#include "envelope/timestamp.hpp"
#include "version.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

// Healthy while the filesystem holding `dir` has at least 1 % free.
bool disk_ok(const std::string& dir) {
  struct statvfs fs {};
  if (statvfs(dir.c_str(), &fs) != 0 || fs.f_blocks == 0) return false;
  return static_cast<double>(fs.f_bavail) / static_cast<double>(fs.f_blocks) >= 0.01;
}

}  // namespace

HealthCheck::Probes HealthCheck::run_probes() {
  Probes probes;
  try {
    auto lease = pool_.acquire();
    pqxx::nontransaction tx(*lease);
    tx.exec1("SELECT 1");
  } catch (const std::exception& e) {
    probes.database_error = e.what();
    while (!probes.database_error.empty() && probes.database_error.back() == '\n') {
      probes.database_error.pop_back();
    }
    if (probes.database_error.empty()) probes.database_error = "the database is unreachable";
  }
  probes.broker = publisher_.connected();
  probes.disk = disk_ok(data_dir_);
  probes.at = std::chrono::steady_clock::now();
  return probes;
}

HealthCheck::Probes HealthCheck::probes() {
  std::lock_guard lock(mutex_);
  if (!last_ || std::chrono::steady_clock::now() - last_->at >= cache_for_) last_ = run_probes();
  return *last_;
}

void HealthCheck::handle(RequestContext& context) {
  const Probes probed = probes();
  const std::string& database_error = probed.database_error;
  const bool broker = probed.broker;
  const bool disk = probed.disk;
  const bool healthy = database_error.empty() && broker && disk;
  const bool detailed = context.principal != nullptr && context.principal->has("metrics:read");
  const std::string timestamp = envelope::now_timestamp();
  const auto uptime =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_)
          .count();

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("status");
  w.String(healthy ? "healthy" : "unhealthy");
  w.Key("checks");
  w.StartObject();
  w.Key("database");
  w.Bool(database_error.empty());
  w.Key("broker");
  w.Bool(broker);
  w.Key("disk");
  w.Bool(disk);
  w.EndObject();
  if (detailed && !database_error.empty()) {
    w.Key("database_error");
    w.String(database_error.c_str(), static_cast<rapidjson::SizeType>(database_error.size()));
  }
  if (detailed && !broker) {
    w.Key("broker_error");
    w.String("the message broker is unreachable");
  }
  w.Key("timestamp");
  w.String(timestamp.c_str(), static_cast<rapidjson::SizeType>(timestamp.size()));
  w.Key("version");
  w.String(kVersion);
  w.Key("uptime");
  w.Int64(uptime);
  w.Key("mode");
  w.String(mode_.c_str(), static_cast<rapidjson::SizeType>(mode_.size()));
  w.EndObject();
  context.responder.json(healthy ? Http::Code::Ok : Http::Code::Service_Unavailable,
                         std::string_view(buffer.GetString(), buffer.GetSize()));
}

}  // namespace switchyard::api
