// libFuzzer target: services.yaml as the processes load it at start
// (config/services_config.hpp): the bytes as one YAML document
// (YamlDocument::load_string), then ServicesConfig::parse. A document is a
// configuration or a ConfigError naming file, line and key; what parses holds only
// valid service and action names.
// Findings: any other exception (a yaml-cpp one escaping included), a crash or
// sanitizer report, a broken promise.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config_error.hpp"
#include "config/services_config.hpp"
#include "config/yaml_document.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace switchyard::config;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const ServicesConfig config =
        ServicesConfig::parse(YamlDocument::load_string(text, "services.yaml"));
    switchyard::fuzz::check(!config.services.empty(), "a services.yaml without services parsed");
    for (const auto& [name, service] : config.services) {
      switchyard::fuzz::check(is_valid_name(name) && !service.actions.empty(),
                              "a service with a bad name or no actions parsed");
      for (const auto& [action, settings] : service.actions) {
        switchyard::fuzz::check(is_valid_name(action), "an action with a bad name parsed");
        switchyard::fuzz::check(settings.retry.backoff_base_ms <= settings.retry.backoff_max_ms,
                                "a retry policy with base above max parsed");
      }
    }
  } catch (const ConfigError&) {
  }
  return 0;
}
