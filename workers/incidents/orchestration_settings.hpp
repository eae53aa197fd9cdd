#pragma once
// What an incident's orchestration steps take from the process settings: the
// services they call (INCIDENT_*, SLACK_*, ONCALL_* variables), the database they
// write the timeline to on their own connections, as many as the worker has
// handler threads, and the API's public address for the incident's link.
#include <chrono>
#include <string>

#include "config/settings.hpp"

namespace switchyard::workers::incidents {

struct OrchestrationSettings {
  config::IncidentIntegrations integrations;
  std::string database_url;
  int connections = 4;
  std::chrono::milliseconds statement_timeout{5000};
  std::string public_url;  // empty: links are paths (/api/v1/incidents/<id>/)

  // `connections`: the handler threads of the steps' pool.
  static OrchestrationSettings from(const config::Settings& settings, int connections) {
    return {settings.incidents, settings.database_url, connections, settings.db_statement_timeout,
            settings.public_url};
  }

  bool slack_configured() const { return !integrations.slack_bot_token.empty(); }
  bool docs_configured() const { return !integrations.docs_url.empty(); }
  bool notifier_configured() const { return !integrations.notify_url.empty(); }

  // The incident as the API serves it.
  std::string incident_link(const std::string& incident_id) const {
    return public_url + "/api/v1/incidents/" + incident_id + "/";
  }
};

}  // namespace switchyard::workers::incidents
