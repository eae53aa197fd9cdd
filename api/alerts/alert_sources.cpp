#include "alerts/alert_sources.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_error.hpp"
#include "config/yaml_document.hpp"
#include "security/key_digest.hpp"

namespace switchyard::api::alerts {
namespace {

constexpr const char* kSourceNames[] = {"alertmanager", "grafana", "datadog", "generic",
                                        "events_v2"};

AlertSources defaults() {
  AlertSources out;
  for (const char* name : kSourceNames) {
    AlertSource source;
    source.name = name;
    out.sources[name] = source;
  }
  return out;
}

void apply_secrets(AlertSources& out, const std::map<std::string, std::string>& secrets) {
  for (const auto& [name, secret] : secrets) {
    if (auto it = out.sources.find(name); it != out.sources.end()) it->second.secret = secret;
  }
}

// sources.<name>.signature: {secret, header, timestamp_header, max_age_seconds}.
SourceSignature read_signature(const config::YamlDocument& doc, const YAML::Node& node,
                               const std::string& source) {
  const std::string where = fmt::format("sources.{}.signature", source);
  doc.expect_map(node, where);
  doc.reject_unknown_keys(node, {"secret", "header", "timestamp_header", "max_age_seconds"});
  SourceSignature out;
  doc.read(node, "secret", out.signing.secret);
  if (out.signing.secret.size() < 16) {
    doc.fail(node, where + ".secret must be at least 16 characters");
  }
  if (doc.read(node, "header", out.header) && out.header.empty()) {
    doc.fail(node["header"], where + ".header must not be empty");
  }
  doc.read(node, "timestamp_header", out.timestamp_header);
  out.signing.timestamped = !out.timestamp_header.empty();
  int max_age = 300;
  doc.read(node, "max_age_seconds", max_age, 1, 86400);
  out.signing.window = std::chrono::seconds(max_age);
  return out;
}

}  // namespace

AlertSources AlertSources::parse(const std::string& yaml, const std::string& name,
                                 const std::map<std::string, std::string>& secrets) {
  const config::YamlDocument doc = config::YamlDocument::load_string(yaml, name);
  AlertSources out = defaults();
  if (doc.root().IsNull()) {
    apply_secrets(out, secrets);
    return out;
  }
  doc.expect_map(doc.root(), "the alert sources file");
  doc.reject_unknown_keys(doc.root(), {"catch_all_service", "sources"});
  if (doc.read(doc.root(), "catch_all_service", out.catch_all_service) &&
      (out.catch_all_service.empty() || out.catch_all_service.size() > 200)) {
    doc.fail(doc.root()["catch_all_service"], "catch_all_service must be 1 to 200 characters");
  }
  if (const YAML::Node sources = doc.root()["sources"]; sources) {
    doc.expect_map(sources, "\"sources\"");
    doc.reject_unknown_keys(sources,
                            {"alertmanager", "grafana", "datadog", "generic", "events_v2"});
    for (const auto& entry : sources) {
      const std::string source = doc.key_text(entry.first);
      doc.expect_map(entry.second, fmt::format("sources.{}", source));
      doc.reject_unknown_keys(entry.second, {"secret", "signature", "allow_unauthenticated",
                                             "default_service", "auto_resolve"});
      AlertSource& s = out.sources[source];
      if (const YAML::Node signature = entry.second["signature"]; signature) {
        s.signature = read_signature(doc, signature, source);
      }
      doc.read(entry.second, "secret", s.secret);
      doc.read(entry.second, "allow_unauthenticated", s.allow_unauthenticated);
      doc.read(entry.second, "default_service", s.default_service);
      doc.read(entry.second, "auto_resolve", s.auto_resolve);
    }
  }
  apply_secrets(out, secrets);
  return out;
}

AlertSources AlertSources::load(const config::Settings& settings) {
  std::stringstream text;
  if (std::filesystem::exists(settings.alerts_config_file)) {
    std::ifstream file(settings.alerts_config_file);
    text << file.rdbuf();
  }
  AlertSources out = parse(text.str(), settings.alerts_config_file, settings.alert_secrets);
  if (settings.production) out.refuse_open_sources(settings.alerts_config_file);
  return out;
}

void AlertSources::refuse_open_sources(const std::string& file) const {
  for (const auto& [name, source] : sources) {
    // A signing source checks every request whatever the flag says.
    if (!source.allow_unauthenticated || source.signature) continue;
    std::string variable = "ALERTS_" + name + "_SECRET";
    std::ranges::transform(variable, variable.begin(),
                           [](unsigned char c) { return std::toupper(c); });
    throw config::ConfigError(
        fmt::format("ENV=production: alert source {} accepts requests without credentials "
                    "(allow_unauthenticated: true in {}); set {} and allow_unauthenticated: false",
                    name, file, variable));
  }
}

SourceAccess check_source(const AlertSource& source, const std::string& offered) {
  if (offered.empty()) {
    return source.allow_unauthenticated ? SourceAccess::kAdmitted : SourceAccess::kMissing;
  }
  if (source.secret.empty()) {
    // Nothing to check a secret against: an open source ignores it.
    return source.allow_unauthenticated ? SourceAccess::kAdmitted : SourceAccess::kWrong;
  }
  return security::digests_equal(security::sha256_hex(offered), security::sha256_hex(source.secret))
             ? SourceAccess::kAdmitted
             : SourceAccess::kWrong;
}

}  // namespace switchyard::api::alerts
