#pragma once
// PluginRun: the handler of plugins.run, one call of an exec plugin's action
// (docs/plugins.md#exec-runtime). It reads the plugin from the table in a short
// read transaction of its own (so a disable or a reload is seen by the next task,
// in every worker at once), refuses a disabled plugin (conflict) or an exec
// runtime turned off (not_configured), then runs the action's command in
// PLUGINS_DIR/<id> with the payload as JSON on stdin, with no transaction open:
// a slow command pins no PostgreSQL connection nor the window's transaction (it is
// not a uses_database() handler; the task's final state is recorded by the
// window afterwards, forward-only, as for every task without domain rows).
// Success is exit status 0 with JSON on stdout (the task's result); anything
// else fails the task (upstream_refused, not retried) with what happened and the
// tail of stderr in its error.
#include <filesystem>
#include <memory>

#include "db/connection_pool.hpp"
#include "task_handler.hpp"

namespace switchyard::workers::plugins {

class PluginRun final : public TaskHandler {
 public:
  // `pool`: the plugin reads, one connection per handler thread of the pool.
  PluginRun(std::filesystem::path plugins_dir, bool exec_allowed,
            std::shared_ptr<db::ConnectionPool> pool)
      : plugins_dir_(std::move(plugins_dir)), exec_allowed_(exec_allowed), pool_(std::move(pool)) {}

  std::string handle(TaskContext& context) override;

 private:
  std::filesystem::path plugins_dir_;
  bool exec_allowed_;
  std::shared_ptr<db::ConnectionPool> pool_;
};

}  // namespace switchyard::workers::plugins
