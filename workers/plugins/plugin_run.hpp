#pragma once
// PluginRun: the handler of plugins.run, one call of an exec plugin's action
// (docs/plugins.md#exec-runtime). It reads the plugin from the table in the task's
// transaction (so a disable or a reload is seen by the next task, in every worker
// at once), refuses a disabled plugin (conflict) or an exec runtime turned off
// (not_configured), then runs the action's command in PLUGINS_DIR/<id> with the
// payload as JSON on stdin. Success is exit status 0 with JSON on stdout (the
// task's result); anything else fails the task (upstream_refused, not retried)
// with what happened and the tail of stderr in its error.
#include <filesystem>

#include "task_handler.hpp"

namespace switchyard::workers::plugins {

class PluginRun final : public TaskHandler {
 public:
  PluginRun(std::filesystem::path plugins_dir, bool exec_allowed)
      : plugins_dir_(std::move(plugins_dir)), exec_allowed_(exec_allowed) {}

  std::string handle(TaskContext& context) override;
  bool uses_database() const override { return true; }

 private:
  std::filesystem::path plugins_dir_;
  bool exec_allowed_;
};

}  // namespace switchyard::workers::plugins
