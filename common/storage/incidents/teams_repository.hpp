#pragma once
// SQL of the catalog's teams (incident_teams) and their on-call rotation
// (incident_team_members, in turn order). A list item is {id, name, description,
// slack_channel_id, current_on_call: {id, username, email} | null, created_at,
// updated_at}; the detail adds `on_call`: {time_zone, rotation_start (local
// wall-clock), shift_days, members, upcoming (the next 4 handovers), overrides
// (current and future)}. Who is on call is incident_on_call() (migration 0016):
// an override covering the time, else the member whose turn it is, turns
// handing over at rotation_start's wall-clock time in time_zone.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "storage/incidents/catalog_rows.hpp"

namespace switchyard::storage::incidents {

std::optional<std::string> find_team_json(pqxx::transaction_base& tx, const std::string& id);
// By name, without case.
JsonPage list_teams(pqxx::transaction_base& tx, const CatalogFilter& filter);
bool team_exists(pqxx::transaction_base& tx, const std::string& id);
bool team_name_taken(pqxx::transaction_base& tx, const std::string& name,
                     const std::optional<std::string>& except_id);

// The ids among `ids` that are no user's.
std::vector<std::int64_t> unknown_users(pqxx::transaction_base& tx,
                                        const std::vector<std::int64_t>& ids);
// `name` as pg_timezone_names spells it (compared without case); nullopt when
// PostgreSQL knows no such zone.
std::optional<std::string> known_time_zone(pqxx::transaction_base& tx, const std::string& name);

// `payload`: {id, name, description, slack_channel_id, on_call: {time_zone,
// rotation_start, shift_days, members: [user ids]}}, all present.
// pqxx::unique_violation for a taken name, pqxx::foreign_key_violation for a
// member that is gone.
void insert_team(pqxx::transaction_base& tx, const std::string& payload);
// Sets the fields `payload` holds (on_call's too), and replaces the members
// when on_call.members is given; false when there is no such team.
bool update_team(pqxx::transaction_base& tx, const std::string& id, const std::string& payload,
                 bool with_members);
bool delete_team(pqxx::transaction_base& tx, const std::string& id);

}  // namespace switchyard::storage::incidents
