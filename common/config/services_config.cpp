#include "config/services_config.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/yaml_document.hpp"

namespace switchyard::config {
namespace {

struct Defaults {
  ServiceConfig service;
  ActionConfig action;
};

void read_retry(const YamlDocument& doc, const YAML::Node& map, RetryPolicy& retry) {
  const YAML::Node node = map["retry"];
  if (!node) return;
  doc.expect_map(node, "\"retry\"");
  doc.reject_unknown_keys(node, {"max_attempts", "backoff_base_ms", "backoff_max_ms", "jitter"});
  doc.read(node, "max_attempts", retry.max_attempts, 1, 100);
  doc.read(node, "backoff_base_ms", retry.backoff_base_ms, 1, 86'400'000);
  doc.read(node, "backoff_max_ms", retry.backoff_max_ms, 1, 86'400'000);
  doc.read(node, "jitter", retry.jitter, 0.0, 1.0);
  if (retry.backoff_max_ms < retry.backoff_base_ms) {
    doc.fail(node, "\"backoff_max_ms\" must not be smaller than \"backoff_base_ms\"");
  }
}

void read_action_settings(const YamlDocument& doc, const YAML::Node& map, ActionConfig& action) {
  doc.read(map, "timeout_ms", action.timeout_ms, 1, 86'400'000);
  read_retry(doc, map, action.retry);
}

void read_service_settings(const YamlDocument& doc, const YAML::Node& map, ServiceConfig& svc) {
  std::string queue_type;
  if (doc.read(map, "queue_type", queue_type)) {
    if (queue_type == "classic") {
      svc.queue_type = QueueType::kClassic;
    } else if (queue_type == "quorum") {
      svc.queue_type = QueueType::kQuorum;
    } else {
      doc.fail(map["queue_type"], "\"queue_type\" must be classic or quorum");
    }
  }
  doc.read(map, "prefetch", svc.prefetch, 1, 65535);
  doc.read(map, "max_priority", svc.max_priority, 0, 255);
  doc.read(map, "publish_events", svc.publish_events);
  doc.read(map, "description", svc.description);
}

// Not defaults: each service says so itself.
void read_own_settings(const YamlDocument& doc, const YAML::Node& map, ServiceConfig& svc) {
  doc.read(map, "internal", svc.internal);
  if (doc.read(map, "pool", svc.pool) && !is_valid_name(svc.pool)) {
    doc.fail(map["pool"], fmt::format("\"pool\" \"{}\" must match [a-z][a-z0-9_-]*", svc.pool));
  }
  doc.read(map, "concurrency", svc.concurrency, 1, 256);
}

Defaults read_defaults(const YamlDocument& doc) {
  Defaults d;
  const YAML::Node node = doc.root()["defaults"];
  if (!node) return d;
  doc.expect_map(node, "\"defaults\"");
  doc.reject_unknown_keys(
      node, {"queue_type", "prefetch", "max_priority", "publish_events", "timeout_ms", "retry"});
  read_service_settings(doc, node, d.service);
  read_action_settings(doc, node, d.action);
  return d;
}

ServiceConfig read_service(const YamlDocument& doc, const YAML::Node& key, const YAML::Node& map,
                           const Defaults& defaults) {
  ServiceConfig svc = defaults.service;
  svc.name = doc.key_text(key);
  if (!is_valid_name(svc.name)) {
    doc.fail(key, fmt::format("service name \"{}\" must match [a-z][a-z0-9_-]*", svc.name));
  }
  doc.expect_map(map, fmt::format("service \"{}\"", svc.name));
  doc.reject_unknown_keys(
      map, {"description", "queue_type", "prefetch", "max_priority", "publish_events", "timeout_ms",
            "retry", "actions", "internal", "pool", "concurrency"});
  read_service_settings(doc, map, svc);
  read_own_settings(doc, map, svc);
  if (svc.queue_type == QueueType::kQuorum && svc.max_priority > 0) {
    doc.fail(map, "\"max_priority\" needs queue_type classic (quorum queues have no priorities)");
  }
  ActionConfig action_defaults = defaults.action;
  read_action_settings(doc, map, action_defaults);

  const YAML::Node actions = map["actions"];
  if (!actions || !actions.IsMap() || actions.size() == 0) {
    doc.fail(actions ? actions : map,
             fmt::format("service \"{}\" needs a non-empty \"actions\" mapping", svc.name));
  }
  doc.reject_duplicate_keys(actions);
  for (const auto& item : actions) {
    ActionConfig action = action_defaults;
    action.name = doc.key_text(item.first);
    if (!is_valid_name(action.name)) {
      doc.fail(item.first,
               fmt::format("action name \"{}\" must match [a-z][a-z0-9_-]*", action.name));
    }
    if (!item.second.IsNull()) {
      doc.expect_map(item.second, fmt::format("action \"{}\"", action.name));
      doc.reject_unknown_keys(item.second, {"timeout_ms", "retry"});
      read_action_settings(doc, item.second, action);
    }
    svc.actions.emplace(action.name, action);
  }
  return svc;
}

}  // namespace

bool is_valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

int ServicesConfig::pool_concurrency(const std::string& service) const {
  const ServiceConfig* member = find_service(service);
  if (member == nullptr) return 0;
  int most = 0;
  for (const auto& [name, other] : services) {
    if (other.pool == member->pool) most = std::max(most, other.concurrency);
  }
  return most;
}

const ServiceConfig* ServicesConfig::find_service(const std::string& service) const {
  auto it = services.find(service);
  return it == services.end() ? nullptr : &it->second;
}

const ActionConfig* ServicesConfig::find_action(const std::string& service,
                                                const std::string& action) const {
  const ServiceConfig* svc = find_service(service);
  if (svc == nullptr) return nullptr;
  auto it = svc->actions.find(action);
  return it == svc->actions.end() ? nullptr : &it->second;
}

ServicesConfig ServicesConfig::load_file(const std::string& path) {
  return parse(YamlDocument::load_file(path));
}

ServicesConfig ServicesConfig::parse(const YamlDocument& doc) {
  doc.reject_unknown_keys(doc.root(), {"defaults", "services"});
  const Defaults defaults = read_defaults(doc);
  const YAML::Node services = doc.root()["services"];
  if (!services || !services.IsMap() || services.size() == 0) {
    doc.fail(services ? services : doc.root(), "\"services\" must be a non-empty mapping");
  }
  doc.reject_duplicate_keys(services);
  ServicesConfig config;
  for (const auto& item : services) {
    ServiceConfig svc = read_service(doc, item.first, item.second, defaults);
    config.services.emplace(svc.name, std::move(svc));
  }
  return config;
}

}  // namespace switchyard::config
