#include "database_probe.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <pqxx/pqxx>

#include "metrics/text_format.hpp"

namespace switchyard::listener {
namespace {

// A probe must not hang a round on a black-holed host: libpq's connect timeout
// (seconds) unless the URL sets its own.
std::string with_connect_timeout(const std::string& url) {
  if (url.find("connect_timeout") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=5";
}

}  // namespace

DatabaseProbe::DatabaseProbe(std::string database_url, std::chrono::milliseconds interval)
    : database_url_(with_connect_timeout(database_url)),
      interval_(interval),
      loop_("database probe", [this] { probe_forever(); }) {}

void DatabaseProbe::probe_forever() {
  std::unique_ptr<pqxx::connection> connection;
  do {
    try {
      if (!connection) connection = std::make_unique<pqxx::connection>(database_url_);
      pqxx::nontransaction tx(*connection);
      tx.exec1("SELECT 1");
      up_.store(true, std::memory_order_relaxed);
    } catch (const std::exception& e) {
      spdlog::debug("database probe: no answer: {}", e.what());
      connection.reset();
      up_.store(false, std::memory_order_relaxed);
    }
  } while (loop_.wait_for(interval_));
}

void DatabaseProbe::render(std::string& out) const {
  metrics::write_family(out, "switchyard_database_up", "gauge",
                        "1 when PostgreSQL answered the listener's last probe (every 15 s).");
  metrics::write_sample(out, "switchyard_database_up", "",
                        std::uint64_t{up_.load(std::memory_order_relaxed) ? 1u : 0u});
}

}  // namespace switchyard::listener
