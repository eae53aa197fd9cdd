#include "releases/master_sync.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "envelope/timestamp.hpp"
#include "json/json_fields.hpp"
#include "net/http_session.hpp"
#include "storage/releases/forwards_repository.hpp"
#include "version.hpp"

namespace switchyard::listener {
namespace {

namespace repo = storage::releases;
using Clock = std::chrono::steady_clock;

constexpr int kBatch = 100;
// One pass sends for at most this long, so the scheduler's other jobs (the ping)
// keep their turn while a large backlog drains.
constexpr auto kPassBudget = std::chrono::seconds(5);
constexpr auto kBackoffFirst = std::chrono::milliseconds(1000);
constexpr auto kBackoffCap = std::chrono::milliseconds(60000);

// The master will take the row once it recovers, or once an operator fixed
// MASTER_API_KEY (401): retry. Any other 4xx is about the row itself (a 403 is a
// client key naming another client): the master will never take it.
bool worth_retrying(long status) {
  return status == 0 || status == 401 || status == 408 || status == 429 || status >= 500;
}

net::HttpSessionOptions master_options(const MasterSyncSettings& settings) {
  net::HttpSessionOptions options;
  options.headers = {"Authorization: Bearer " + settings.master_api_key,
                     "Content-Type: application/json"};
  return options;
}

std::string describe(const net::HttpResponse& response) {
  if (!response.answered()) return "master unreachable: " + response.transport_error;
  return fmt::format("master answered {}: {}", response.status, response.body.substr(0, 300));
}

}  // namespace

pqxx::connection& MasterSync::db() {
  if (!db_ || !db_->is_open()) db_ = std::make_unique<pqxx::connection>(settings_.database_url);
  return *db_;
}

void MasterSync::back_off(const std::string& reason) {
  backoff_ = std::min(kBackoffCap, backoff_.count() == 0 ? kBackoffFirst : backoff_ * 2);
  retry_at_ = Clock::now() + backoff_;
  spdlog::warn("master sync: {}; retrying in {} ms", reason, backoff_.count());
}

void MasterSync::forward() {
  if (Clock::now() < retry_at_) return;
  const auto budget_end = Clock::now() + kPassBudget;
  std::vector<repo::PendingForward> batch;
  net::HttpSession master(master_options(settings_));  // one connection for the pass
  try {
    while (Clock::now() < budget_end) {
      {
        pqxx::read_transaction tx(db());
        batch = repo::pending_forwards(tx, kBatch);
      }
      if (batch.empty()) return;
      for (const auto& row : batch) {
        const auto& c = row.component;
        net::HttpRequest request;
        request.method = "PUT";
        request.url = fmt::format(
            "{}/api/collect/{}/{}/{}/{}", settings_.master_url,
            net::escape_component(c.namespace_name), net::escape_component(c.workload_kind),
            net::escape_component(c.workload_name), net::escape_component(c.container_name));
        request.body = row.body;
        const net::HttpResponse response = master.perform(request);
        pqxx::work tx(db());
        if (response.ok()) {
          repo::forward_delivered(tx, row.id);
          tx.commit();
          backoff_ = {};
          continue;
        }
        const std::string reason = describe(response);
        if (worth_retrying(response.status)) {
          repo::forward_failed(tx, row.id, reason);
          tx.commit();
          back_off(fmt::format("release {} of {}/{}/{}/{} not forwarded: {}", row.id,
                               c.namespace_name, c.workload_kind, c.workload_name, c.container_name,
                               reason));
          return;
        }
        repo::forward_refused(tx, row.id, reason);
        tx.commit();
        spdlog::error(
            "master sync: the master refused release {} of {}/{}/{}/{} ({}); set aside in "
            "release_forwards",
            row.id, c.namespace_name, c.workload_kind, c.workload_name, c.container_name, reason);
      }
    }
  } catch (const std::exception& e) {
    db_.reset();
    back_off(std::string("database: ") + e.what());
  }
}

void MasterSync::ping() {
  net::HttpRequest request;
  request.method = "POST";
  request.url = settings_.master_url + "/api/ping";
  request.body = json::string_object({{"client_name", settings_.client_name},
                                      {"env_name", settings_.env_name},
                                      {"slave_version", kVersion},
                                      {"timestamp", envelope::now_timestamp()}});
  const net::HttpResponse response = net::HttpSession(master_options(settings_)).perform(request);
  if (response.ok()) {
    if (ping_failing_) spdlog::info("master sync: ping answered again");
    ping_failing_ = false;
    return;
  }
  // Logged once per outage, not once per interval.
  if (!ping_failing_)
    spdlog::warn("master sync: ping failed ({}); retrying each interval", describe(response));
  ping_failing_ = true;
}

}  // namespace switchyard::listener
