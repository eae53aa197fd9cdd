#pragma once
// The route table: every endpoint with its method, path and guard on one screen.
// The server wraps each handler with the common pipeline (request id, body limit,
// guard, error mapping, metrics).
#include <pistache/http_defs.h>

#include <functional>
#include <string>
#include <vector>

#include "request_context.hpp"

namespace switchyard::api {

enum class Guard {
  kPublic,  // health, metrics, documentation
  kApiKey,  // any key of clients.yaml
  kAdmin,   // admin keys only
};

struct Route {
  Pistache::Http::Method method;
  std::string path;  // Pistache syntax: /api/v1/tasks/:id
  Guard guard;
  std::function<void(RequestContext&)> handler;
};

class TaskSubmission;
class TaskQueries;
class TaskCancellation;
class DeadLetters;
class ServiceList;
class WorkerList;
class HealthCheck;
class MetricsEndpoint;
class ApiDocs;

struct Handlers {
  TaskSubmission& task_submission;
  TaskQueries& task_queries;
  TaskCancellation& task_cancellation;
  DeadLetters& dead_letters;
  ServiceList& services;
  WorkerList& workers;
  HealthCheck& health;
  MetricsEndpoint& metrics;
  ApiDocs& docs;
};

std::vector<Route> make_routes(const Handlers& handlers);

}  // namespace switchyard::api
