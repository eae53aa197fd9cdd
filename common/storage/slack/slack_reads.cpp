#include "storage/slack/slack_reads.hpp"

namespace switchyard::storage::slack {
namespace {

constexpr const char* kOpenIncidents = R"(
SELECT i.id::text, i.short_id, i.title, i.severity, i.status, s.name
  FROM incidents i JOIN incident_services s ON s.id = i.service_id
 WHERE i.status <> 'RESOLVED'
 ORDER BY i.severity, i.seq DESC
 LIMIT $1)";

constexpr const char* kFindService = R"(
SELECT id::text, name FROM incident_services
 WHERE id::text = lower($1) OR lower(name) = lower($1)
 ORDER BY (id::text = lower($1)) DESC, created_at
 LIMIT 1)";

constexpr const char* kServiceChoices = R"(
SELECT id::text, name FROM incident_services ORDER BY lower(name), created_at LIMIT $1)";

}  // namespace

std::vector<OpenIncident> open_incidents(pqxx::transaction_base& tx, int limit) {
  std::vector<OpenIncident> incidents;
  for (const auto& row : tx.exec_params(kOpenIncidents, limit)) {
    incidents.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                         row[2].as<std::string>(), row[3].as<std::string>(),
                         row[4].as<std::string>(), row[5].as<std::string>()});
  }
  return incidents;
}

std::optional<ServiceRef> find_service(pqxx::transaction_base& tx, const std::string& key) {
  const auto rows = tx.exec_params(kFindService, key);
  if (rows.empty()) return std::nullopt;
  return ServiceRef{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

std::vector<ServiceRef> service_choices(pqxx::transaction_base& tx, int limit) {
  std::vector<ServiceRef> services;
  for (const auto& row : tx.exec_params(kServiceChoices, limit)) {
    services.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  return services;
}

}  // namespace switchyard::storage::slack
