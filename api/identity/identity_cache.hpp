#pragma once
// IdentityCache: what authentication reads on every request, in memory — the
// users' state and roles, role permissions, live IMAS tokens and API keys (from
// PostgreSQL) plus the keys of clients.yaml. A background thread polls
// identity_version every IDENTITY_REFRESH_MS and reloads when it moved; an
// identity write answered by this process reloads before its answer leaves
// (refresh_now), so a client reads its own writes (a revoked token fails at once).
// When PostgreSQL is down the last snapshot stays: JWT and key holders keep working.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "config/clients_config.hpp"
#include "process/background_loop.hpp"
#include "storage/identity/identity_snapshot.hpp"

namespace switchyard::api {

class IdentityCache {
 public:
  IdentityCache(std::string database_url, const config::ClientsConfig& clients,
                std::chrono::milliseconds refresh);
  ~IdentityCache();
  IdentityCache(const IdentityCache&) = delete;
  IdentityCache& operator=(const IdentityCache&) = delete;

  // Loads once (a failure is logged: the cache starts empty) and starts polling.
  void start();
  // Idempotent; safe before start().
  void stop() { loop_.stop(); }

  std::shared_ptr<const storage::identity::IdentitySnapshot> snapshot() const;
  const config::ClientsConfig& clients() const { return clients_; }

  // Reloads now if the version moved; false when the database could not be read.
  // Blocking (one round trip, a reload when something changed): call it from a
  // thread that may wait, not from the publisher's.
  bool refresh_now();

 private:
  void run();

  std::string database_url_;
  const config::ClientsConfig& clients_;
  std::chrono::milliseconds refresh_;
  // Requests read the snapshot under mutex_ only; a reload (which may wait on the
  // database) holds refresh_mutex_, never mutex_.
  mutable std::mutex mutex_;
  std::shared_ptr<const storage::identity::IdentitySnapshot> snapshot_;
  std::mutex refresh_mutex_;
  std::unique_ptr<pqxx::connection> db_;
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::api
