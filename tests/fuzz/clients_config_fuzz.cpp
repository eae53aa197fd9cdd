// libFuzzer target: clients.yaml as the API loads it at start
// (config/clients_config.hpp): the bytes as one YAML document
// (YamlDocument::load_string), then ClientsConfig::parse for development and for
// production. A document is a configuration or a ConfigError naming file, line and
// key; what parses holds only well-formed keys.
// Findings: any other exception (a yaml-cpp one escaping included), a crash or
// sanitizer report, a broken promise.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/clients_config.hpp"
#include "config/config_error.hpp"
#include "config/yaml_document.hpp"
#include "fuzz_check.hpp"

namespace {

void load(const std::string& text, bool production) {
  using namespace switchyard::config;
  try {
    const ClientsConfig config =
        ClientsConfig::parse(YamlDocument::load_string(text, "clients.yaml"), production);
    for (const auto& key : config.api_keys) {
      switchyard::fuzz::check(!key.name.empty() && key.sha256.size() == 64,
                              "an API key without a name or a SHA-256 digest parsed");
      switchyard::fuzz::check(key.role != KeyRole::kClient || !key.client.empty(),
                              "a client key without its client parsed");
    }
  } catch (const ConfigError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  load(text, false);
  load(text, true);
  return 0;
}
