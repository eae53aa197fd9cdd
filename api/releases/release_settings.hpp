#pragma once
// What the release tracker's API handlers read of the configuration: this
// instance's role and identity, and whether it can reach a cluster. Taken once
// from config::Settings by ReleasesApi, so the handlers depend on these fields
// only.
#include <chrono>
#include <string>

#include "config/settings.hpp"

namespace switchyard::api::releases {

struct ReleaseSettings {
  config::Mode mode = config::Mode::kMaster;  // MODE
  std::string client_name;                    // CLIENT_NAME: this instance's client
  std::string env_name;                       // ENV_NAME: this instance's environment
  bool cluster_configured = false;            // KUBE_API_URL or in-cluster credentials
  std::chrono::seconds ping_online_within{};  // PING_ONLINE_SECONDS

  static ReleaseSettings from(const config::Settings& settings) {
    return {settings.mode, settings.client_name, settings.env_name,
            settings.kubernetes.configured(), settings.ping_online_within};
  }
};

}  // namespace switchyard::api::releases
