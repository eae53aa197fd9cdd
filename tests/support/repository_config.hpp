#pragma once
// The repository's configuration files (config/), changed for a test that needs
// one setting otherwise: the rest stays what `make up` runs with.
#include <string>

namespace switchyard::testing {

// config/services.yaml with `service` publishing its lifecycle events
// (publish_events: true), as a service must to appear in a live stream.
std::string services_yaml_publishing_events(const std::string& service);

// config/clients.yaml with room for 100 sign-ins a minute per address (the `auth`
// rate limit is 5 otherwise), for tests that sign several users in.
std::string clients_yaml_with_more_sign_ins();

}  // namespace switchyard::testing
