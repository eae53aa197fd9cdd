#pragma once
// PluginRoutes: the manifest routes of installed plugins (docs/plugins.md#routes).
// Pistache's route table is fixed when the API starts, so these are served by one
// catch-all: a POST that no core route matches is looked up in plugin_routes (one
// index lookup per call), so an install, reload, enable or disable is answered
// differently by every running API from its next request on. A path no plugin
// has is 404 as before; then 401 without credentials, 403 without the permission
// the manifest names, 409 when the plugin is disabled. The call is a task: an
// exec plugin's `plugins.run`, a queue plugin's `<service>.<action>`, answered
// like Prefer: wait (the result within MAX_WAIT_SECONDS, else 202 with the link).
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class PluginRoutes {
 public:
  PluginRoutes(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void call(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api
