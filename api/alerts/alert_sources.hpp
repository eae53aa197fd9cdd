#pragma once
// The alert intake's sources (config/alerts.yaml, docs/alerts.md): per source its
// shared secret (ALERTS_<SOURCE>_SECRET replaces the file's), the signature its
// tool makes, if it signs, whether requests
// without credentials are accepted, its default service and auto-resolve; and
// the catch-all service. Read once at start; a bad file stops the API
// (ConfigError naming file, line and key).
#include <map>
#include <optional>
#include <string>

#include "config/settings.hpp"
#include "security/webhook_signature.hpp"

namespace switchyard::api::alerts {

// A source whose tool signs its requests (Grafana's "HMAC Signature"): every
// request must carry a valid signature, whatever allow_unauthenticated says.
struct SourceSignature {
  security::WebhookSigning signing;
  std::string header = "X-Grafana-Alerting-Signature";
  std::string timestamp_header;  // "": the tool does not stamp its requests
};

struct AlertSource {
  std::string name;  // alertmanager, grafana, datadog, generic, events_v2
  std::string secret;
  std::optional<SourceSignature> signature;
  bool allow_unauthenticated = false;
  std::string default_service;
  bool auto_resolve = true;
};

// How a request's credentials stand against its source.
enum class SourceAccess { kAdmitted, kMissing, kWrong };

struct AlertSources {
  std::string catch_all_service = "Unrouted alerts";
  std::map<std::string, AlertSource> sources;  // every known source, configured or not

  // `settings.alerts_config_file` (a missing file: every source closed but by a
  // secret from the environment) with the environment's secrets.
  static AlertSources load(const config::Settings& settings);
  static AlertSources parse(const std::string& yaml, const std::string& name,
                            const std::map<std::string, std::string>& secrets);

  // ENV=production: a source that admits requests without credentials
  // (allow_unauthenticated, the development file's setting) lets anyone open
  // incidents; refused with a ConfigError naming the source and the fix, as the
  // other open settings are (docs/alerts.md, "Production").
  void refuse_open_sources(const std::string& file) const;

  const AlertSource& at(const std::string& name) const { return sources.at(name); }
};

// `offered` is the secret the request carries (empty: none). Compared in
// constant time. A source without a secret admits only when it allows
// unauthenticated requests.
SourceAccess check_source(const AlertSource& source, const std::string& offered);

}  // namespace switchyard::api::alerts
