#pragma once
// MasterSync (MODE=slave): the slave's side of release-tracker-api.md's
// master/slave configuration, two scheduler jobs:
// - forward(): sends the releases waiting in the outbox (release_forwards,
//   written by the worker in the transaction that recorded them) to the master's
//   PUT /api/collect/..., oldest first, with MASTER_API_KEY. A row is deleted only
//   once the master answered 2xx, so a release recorded while the master is down
//   waits and is sent when it is back. Unreachable, 5xx, 429 or 401 (a wrong key)
//   stop the pass and retry with backoff (1 s doubling to 60 s), in order; another
//   4xx (a 403 for another client's release, a 400) means the master will never
//   take that row: it is set aside (refused_at, last_error) and logged, and the
//   rest go on. Sending a row twice (a crash between the
//   master's answer and the delete) is harmless: the same image only moves
//   last_seen on the master.
// - ping(): POST /api/ping with this instance's client, environment and version,
//   every PING_INTERVAL_SECONDS; a failed ping is logged and the next one retries.
#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "config/settings.hpp"

namespace switchyard::listener {

// What MasterSync reads of the configuration: the outbox's database, the master
// and how to sign in to it, and who this instance is.
struct MasterSyncSettings {
  std::string database_url;    // DATABASE_URL
  std::string master_url;      // MASTER_URL
  std::string master_api_key;  // MASTER_API_KEY
  std::string client_name;     // CLIENT_NAME
  std::string env_name;        // ENV_NAME

  static MasterSyncSettings from(const config::Settings& settings) {
    return {settings.database_url, settings.master_url, settings.master_api_key,
            settings.client_name, settings.env_name};
  }
};

class MasterSync {
 public:
  explicit MasterSync(MasterSyncSettings settings) : settings_(std::move(settings)) {}

  void forward();
  void ping();

 private:
  pqxx::connection& db();
  void back_off(const std::string& reason);

  const MasterSyncSettings settings_;
  std::unique_ptr<pqxx::connection> db_;
  std::chrono::steady_clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_{0};
  bool ping_failing_ = false;
};

}  // namespace switchyard::listener
