#pragma once
// services.yaml: the services a deployment runs, their actions, queue settings and
// retry policy. Loaded once; the topology, the API's validation and the workers'
// dispatch all read this one structure.
#include <map>
#include <string>

namespace switchyard::config {

class YamlDocument;

enum class QueueType { kClassic, kQuorum };

struct RetryPolicy {
  int max_attempts = 3;
  int backoff_base_ms = 1000;
  int backoff_max_ms = 60000;
  double jitter = 0.2;  // fraction of the delay added or removed at random
};

struct ActionConfig {
  std::string name;
  int timeout_ms = 30000;
  RetryPolicy retry;
};

struct ServiceConfig {
  std::string name;
  std::string description;
  QueueType queue_type = QueueType::kQuorum;
  int prefetch = 500;
  int max_priority = 0;         // classic queues only; 0 disables priorities
  bool publish_events = false;  // lifecycle events for every task, not only when awaited
  // Published only by the platform itself (e.g. identity): POST /api/v1/tasks
  // refuses it, so its tasks cannot be forged by a caller.
  bool internal = false;
  // Services of one pool share a worker's consumer loop: one window, one database
  // connection, one set of handler threads. A service whose tasks wait on
  // services outside (HTTP) gets a pool of its own, so its windows never hold up
  // the fast writes of the others (as Celery users run a worker per queue).
  std::string pool = "default";
  // Handler threads of its pool when set (the largest of the pool's services);
  // else WORKER_CONCURRENCY. Outbound steps mostly wait, so their pool wants more.
  int concurrency = 0;
  std::map<std::string, ActionConfig> actions;

  std::string queue_name() const { return "tasks." + name; }
};

struct ServicesConfig {
  std::map<std::string, ServiceConfig> services;

  const ServiceConfig* find_service(const std::string& service) const;
  // The handler threads of the pool `service` is in: the largest `concurrency`
  // of that pool's services, 0 when none sets it (or the service is unknown).
  int pool_concurrency(const std::string& service) const;
  const ActionConfig* find_action(const std::string& service, const std::string& action) const;

  // Throws ConfigError with file:line:column on any unknown key or bad value.
  static ServicesConfig load_file(const std::string& path);
  static ServicesConfig parse(const YamlDocument& doc);
};

// Service and action names become routing-key words: lowercase letters, digits,
// '_' and '-', starting with a letter.
bool is_valid_name(const std::string& name);

}  // namespace switchyard::config
