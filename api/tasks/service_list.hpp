#pragma once
// GET /api/v1/services — the services of services.yaml with their actions, queue
// settings, and the queue's depth and consumer count as the broker reports them
// now (null when the broker cannot be asked).
#include "amqp/queue_inspector.hpp"
#include "config/services_config.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class ServiceList {
 public:
  ServiceList(const config::ServicesConfig& services, amqp::QueueInspector& inspector)
      : services_(services), inspector_(inspector) {}

  void handle(RequestContext& context);

 private:
  const config::ServicesConfig& services_;
  amqp::QueueInspector& inspector_;
};

}  // namespace switchyard::api
