#pragma once
// SQL of slave pings and the master's overview (migrations/0006): which
// clients and environments exist, which slaves pinged lately, and statistics.
#include <chrono>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage::releases {

void record_ping(pqxx::transaction_base& tx, const std::string& client_name,
                 const std::string& env_name, const std::string& slave_version,
                 const std::string& at);

// {"clients_environments", "ping_statuses", "statistics"} of release-tracker-api.md;
// a ping younger than `online_within` is online. Limited to `client_name` unless empty.
std::string clients_environments_json(pqxx::transaction_base& tx,
                                      std::chrono::seconds online_within,
                                      const std::string& client_name);

}  // namespace switchyard::storage::releases
