#include "repository_config.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_servers.hpp"

namespace switchyard::testing {

std::string services_yaml_publishing_events(const std::string& service) {
  std::ifstream in(source_dir() + "/config/services.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string anchor = "\n  " + service + ":\n";
  const auto services = yaml.find("\nservices:\n");
  const auto at = services == std::string::npos ? services : yaml.find(anchor, services);
  if (at == std::string::npos) {
    throw std::runtime_error("config/services.yaml: no service " + service);
  }
  yaml.insert(at + anchor.size(), "    publish_events: true\n");
  return yaml;
}

}  // namespace switchyard::testing
