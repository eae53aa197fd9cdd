#pragma once
// SQL of a team's on-call overrides (incident_on_call_overrides): a user on call
// for a time range instead of the rotation, the latest created winning where
// two overlap; and who is on call at a given time (incident_on_call()).
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage::incidents {

// {id, user: {id, username, email}, starts_at, ends_at}.
std::optional<std::string> find_override_json(pqxx::transaction_base& tx, const std::string& id);
bool override_exists(pqxx::transaction_base& tx, const std::string& team_id,
                     const std::string& override_id);

// {team: {id, name}, at, user: {id, username, email} | null}; nullopt for no team.
std::optional<std::string> on_call_at_json(pqxx::transaction_base& tx, const std::string& team_id,
                                           const std::string& at);

// `text` (ISO 8601 with its offset) as RFC 3339 UTC with milliseconds, which
// sort as text; nullopt when PostgreSQL takes it for no time (2026-02-30). Runs in
// a subtransaction, so a refused time leaves `tx` usable.
std::optional<std::string> utc_time(pqxx::dbtransaction& tx, const std::string& text);

// `payload`: {id, team_id, user, starts_at, ends_at}. pqxx::foreign_key_violation
// for a team or user that is gone.
void insert_override(pqxx::transaction_base& tx, const std::string& payload);
// False when the team has no such override.
bool delete_override(pqxx::transaction_base& tx, const std::string& team_id,
                     const std::string& override_id);

}  // namespace switchyard::storage::incidents
