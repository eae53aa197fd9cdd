#pragma once
// The plugin manager, xcore's /system/plugins (docs/plugins.md): list (active_only),
// install, detail, reload, enable, disable, uninstall. Reads go to PostgreSQL;
// every write is a task of the internal `plugins` service, awaited (202 with the
// task's link past MAX_WAIT_SECONDS). An install's body is checked here (422
// naming the field; a source that may never be fetched 400); the worker fetches
// the source and checks the manifest, and a source it cannot read is answered 400
// naming it. The worker that commits an install or a reload announces it
// (plugin.loaded, plugin.reloaded: docs/plugins.md#events), not the API, so the
// event does not depend on the API still waiting.
#include "db/connection_pool.hpp"
#include "domain/task_kind.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class PluginManager {
 public:
  PluginManager(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void list(RequestContext& context);
  void install(RequestContext& context);
  void get(RequestContext& context);
  void reload(RequestContext& context);
  void enable(RequestContext& context);
  void disable(RequestContext& context);
  void uninstall(RequestContext& context);

 private:
  // The path's plugin id, 404 when no plugin has it.
  std::string existing_plugin(RequestContext& context);
  // Publishes `kind` with {"id"} and answers the worker's result with `code`.
  void write_by_id(RequestContext& context, domain::TaskKind kind, Pistache::Http::Code code);

  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api
