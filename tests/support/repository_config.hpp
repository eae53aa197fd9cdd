#pragma once
// The repository's configuration files (config/), changed for a test that needs
// one setting otherwise: the rest stays what `make up` runs with.
#include <string>

namespace switchyard::testing {

// config/services.yaml with `service` publishing its lifecycle events
// (publish_events: true), as a service must to appear in a live stream.
std::string services_yaml_publishing_events(const std::string& service);

}  // namespace switchyard::testing
