#include "identity/identity_cache.hpp"

#include <spdlog/spdlog.h>

namespace switchyard::api {

namespace identity = storage::identity;

IdentityCache::IdentityCache(std::string database_url, const config::ClientsConfig& clients,
                             std::chrono::milliseconds refresh)
    : database_url_(std::move(database_url)),
      clients_(clients),
      refresh_(refresh),
      snapshot_(std::make_shared<identity::IdentitySnapshot>()),
      loop_("identity refresh", [this] { run(); }) {}

IdentityCache::~IdentityCache() { stop(); }

void IdentityCache::start() {
  if (!refresh_now()) spdlog::warn("identity: database unreachable; only clients.yaml keys work");
  loop_.start();
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
  while (loop_.wait_for(refresh_)) refresh_now();
}

}  // namespace switchyard::api
