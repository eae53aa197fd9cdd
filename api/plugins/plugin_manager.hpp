#pragma once
// The plugin manager, xcore's /system/plugins (docs/plugins.md): list (active_only),
// install, detail, reload, enable, disable, uninstall. Reads go to PostgreSQL;
// every write is a task of the internal `plugins` service, awaited (202 with the
// task's link past MAX_WAIT_SECONDS). An install's body is checked here (422
// naming the field; a source that may never be fetched 400); the worker fetches
// the source and checks the manifest, and a source it cannot read is answered 400
// naming it. An install and a reload that the worker committed while the API
// waited are announced as plugin.loaded and plugin.reloaded on the events exchange.
#include "db/connection_pool.hpp"
#include "domain/task_kind.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class PluginManager {
 public:
  PluginManager(AwaitedWriter& writer, db::ConnectionPool& pool, amqp::TaskPublisher& publisher)
      : writer_(writer), pool_(pool), publisher_(publisher) {}

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
  // Publishes `kind` with {"id"} and answers the worker's result with `code`;
  // then publishes the domain event `event`, if given.
  void write_by_id(RequestContext& context, domain::TaskKind kind, Pistache::Http::Code code,
                   std::string event = {});
  // plugin.loaded / plugin.reloaded on the events exchange, once the worker
  // committed the change (docs/plugins.md#events); a failure is logged.
  void announce(const std::string& event, const std::string& id);

  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
  amqp::TaskPublisher& publisher_;
};

}  // namespace switchyard::api
