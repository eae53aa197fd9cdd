#pragma once
// What Slack chat-ops reads of the incident manager (docs/slack.md): the open
// incidents for /imas incident list, and the services a Slack user may name when
// creating an incident (by name, any case, or by UUID) or pick in the modal.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::slack {

struct OpenIncident {
  std::string id;
  std::string short_id;
  std::string title;
  std::string severity;
  std::string status;
  std::string service;  // the service's name
};

struct ServiceRef {
  std::string id;
  std::string name;
};

// Incidents not resolved, most severe first, then newest; at most `limit`.
std::vector<OpenIncident> open_incidents(pqxx::transaction_base& tx, int limit);

// The service `key` names: its UUID, or its name in any case (the oldest of
// equal names).
std::optional<ServiceRef> find_service(pqxx::transaction_base& tx, const std::string& key);

// Services by name, at most `limit` (a Slack select holds at most 100 options).
std::vector<ServiceRef> service_choices(pqxx::transaction_base& tx, int limit);

}  // namespace switchyard::storage::slack
