#include "repository_config.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

std::string repository_file(const std::string& name) {
  std::ifstream in(source_dir() + "/config/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string services_yaml_publishing_events(const std::string& service) {
  std::string yaml = repository_file("services.yaml");
  const std::string anchor = "\n  " + service + ":\n";
  const auto services = yaml.find("\nservices:\n");
  const auto at = services == std::string::npos ? services : yaml.find(anchor, services);
  if (at == std::string::npos) {
    throw std::runtime_error("config/services.yaml: no service " + service);
  }
  yaml.insert(at + anchor.size(), "    publish_events: true\n");
  return yaml;
}

std::string clients_yaml_with_more_sign_ins() {
  std::string yaml = repository_file("clients.yaml");
  const std::string limit = "auth: {requests: 5,";
  const auto at = yaml.find(limit);
  if (at == std::string::npos) throw std::runtime_error("config/clients.yaml: no auth rate limit");
  yaml.replace(at, limit.size(), "auth: {requests: 100,");
  return yaml;
}

}  // namespace switchyard::testing
