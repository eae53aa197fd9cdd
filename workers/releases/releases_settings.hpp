#pragma once
// What the release tracker's handlers take from the process settings: the
// cluster a collection lists, the database a collection commits to on its own,
// and whether recorded releases also wait in the outbox for the master
// (MODE=slave).
#include <string>

#include "config/settings.hpp"

namespace switchyard::workers::releases {

struct ReleasesSettings {
  config::KubernetesAccess cluster;
  std::string database_url;
  bool forward = false;

  static ReleasesSettings from(const config::Settings& settings) {
    return {settings.kubernetes, settings.database_url, settings.mode == config::Mode::kSlave};
  }
};

}  // namespace switchyard::workers::releases
