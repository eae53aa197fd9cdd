#pragma once
// SQL of alert groups (migrations/0025): the open incident of a source's
// fingerprint, claimed race-free, and the service an alert's incident belongs to.
// Everything runs in the caller's transaction (the worker's window).
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace switchyard::storage::alerts {

struct AlertGroup {
  std::string incident_id;
  std::int64_t alert_count = 0;
  bool opened =
      false;  // this call opened the group: its incident is `candidate_id`, still to write
};

// Claims the open group of (source, fingerprint) for a firing alert: a new one
// naming `candidate_id` (opened), or the open one with its count raised. A group
// whose incident was resolved meanwhile (by hand) is closed first, so the alert
// opens a new incident. Two transactions claiming the same key: the second waits
// for the first and counts a repeat. A repeat's ALERT entry ("Alert repeated (N
// alerts so far)", data: the JSON object `repeat_data_json` plus alert_count) is
// written with the claim.
AlertGroup claim_alert_group(pqxx::transaction_base& tx, const std::string& source,
                             const std::string& fingerprint, const std::string& candidate_id,
                             const std::string& repeat_data_json);

// The incident of the open group of (source, fingerprint), if any; with `close`,
// the group is closed (a resolved alert under auto-resolve).
std::optional<std::string> open_group_incident(pqxx::transaction_base& tx,
                                               const std::string& source,
                                               const std::string& fingerprint, bool close);

// The id of the first existing service named (without case) `service`, else
// `default_service`, else `catch_all` — which is created when missing.
std::string alert_service_id(pqxx::transaction_base& tx, const std::string& service,
                             const std::string& default_service, const std::string& catch_all);

// An ALERT entry of the incident's timeline; `data_json` is a JSON object.
void add_alert_entry(pqxx::transaction_base& tx, const std::string& incident_id,
                     const std::string& message, const std::string& data_json);

}  // namespace switchyard::storage::alerts
