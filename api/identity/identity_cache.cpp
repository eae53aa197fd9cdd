#include "identity/identity_cache.hpp"

#include <spdlog/spdlog.h>

namespace switchyard::api {

namespace identity = storage::identity;

IdentityCache::IdentityCache(std::string database_url, const config::ClientsConfig& clients,
                             std::chrono::milliseconds refresh)
    : database_url_(std::move(database_url)),
      clients_(clients),
      refresh_(refresh),
      snapshot_(std::make_shared<identity::IdentitySnapshot>()) {}

IdentityCache::~IdentityCache() { stop(); }

void IdentityCache::start() {
  if (!refresh_now()) spdlog::warn("identity: database unreachable; only clients.yaml keys work");
  std::lock_guard lock(stop_mutex_);
  if (running_) return;
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void IdentityCache::stop() {
  {
    std::lock_guard lock(stop_mutex_);
    if (!running_) return;
    running_ = false;
  }
  stopping_.notify_all();
  thread_.join();
}

std::shared_ptr<const identity::IdentitySnapshot> IdentityCache::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

bool IdentityCache::refresh_now() {
  std::lock_guard refreshing(refresh_mutex_);
  try {
    if (!db_) db_ = std::make_unique<pqxx::connection>(database_url_);
    {
      pqxx::nontransaction probe(*db_);
      if (identity::identity_version(probe) == snapshot()->version) return true;
    }
    pqxx::transaction<pqxx::repeatable_read, pqxx::readwrite_policy::read_only> tx(*db_);
    auto fresh = std::make_shared<identity::IdentitySnapshot>(identity::load_identity(tx));
    tx.commit();
    spdlog::debug("identity: version {} ({} users, {} tokens, {} keys)", fresh->version,
                  fresh->users.size(), fresh->tokens.size(), fresh->api_keys.size());
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(fresh);
    return true;
  } catch (const std::exception& e) {
    db_.reset();  // reconnect next time
    spdlog::debug("identity: could not refresh: {}", e.what());
    return false;
  }
}

void IdentityCache::run() {
  std::unique_lock lock(stop_mutex_);
  while (running_) {
    stopping_.wait_for(lock, refresh_, [&] { return !running_; });
    if (!running_) break;
    lock.unlock();
    refresh_now();
    lock.lock();
  }
}

}  // namespace switchyard::api
