#include "plugins/plugin_run.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <algorithm>

#include "payload_fields.hpp"
#include "plugins/plugin_process.hpp"
#include "storage/plugins/plugins_repository.hpp"

namespace switchyard::workers::plugins {
namespace {

namespace repo = storage::plugins;
using End = ProcessRun::End;

TaskFailure plugin_failed(const std::string& what, const std::string& err_tail) {
  std::string tail = err_tail;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  return caller_error(FailureKind::kUpstreamRefused,
                      tail.empty() ? what : what + "; stderr: " + tail);
}

std::vector<std::string> minimal_env(const TaskContext& context, const std::string& plugin,
                                     const std::string& action) {
  const char* path = std::getenv("PATH");
  return {std::string("PATH=") + (path ? path : "/usr/local/bin:/usr/bin:/bin"),
          "HOME=/nonexistent",
          "LANG=C.UTF-8",
          "SWITCHYARD_TASK_ID=" + context.task.id,
          "SWITCHYARD_PLUGIN=" + plugin,
          "SWITCHYARD_ACTION=" + action,
          "SWITCHYARD_ATTEMPT=" + std::to_string(context.task.attempt)};
}

}  // namespace

std::string PluginRun::handle(TaskContext& context) {
  const std::string id = required_string(context.payload, "plugin");
  const std::string action_name = required_string(context.payload, "action");
  // Read and released before the command starts: nothing is held while it runs.
  const auto stored =
      pool_->read([&](pqxx::read_transaction& tx) { return repo::load_plugin(tx, id); });
  if (!stored) throw caller_error(FailureKind::kNotFound, "No such plugin: " + id);
  if (!stored->active) throw caller_error(FailureKind::kConflict, "Plugin " + id + " is disabled");
  const auto& manifest = stored->manifest;
  if (manifest.runtime != domain::plugins::Runtime::kExec) {
    throw caller_error(FailureKind::kConflict, "Plugin " + id + " is not an exec plugin");
  }
  if (!exec_allowed_) {
    throw caller_error(FailureKind::kNotConfigured,
                       "The exec plugin runtime is turned off (PLUGINS_EXEC=false)");
  }
  const auto action = manifest.actions.find(action_name);
  if (action == manifest.actions.end()) {
    throw caller_error(FailureKind::kNotFound, "Plugin " + id + " has no action " + action_name);
  }
  const auto payload = context.payload.FindMember("payload");
  const std::string input =
      payload == context.payload.MemberEnd() ? "{}" : json::to_text(payload->value);
  const auto timeout =
      std::max(std::chrono::milliseconds(1),
               std::min(std::chrono::milliseconds(action->second.timeout_ms), context.time_left()));
  const ProcessRun run = run_process(
      action->second.command, (plugins_dir_ / id).string(), minimal_env(context, id, action_name),
      input, {timeout, static_cast<std::size_t>(action->second.max_output_bytes)});
  const std::string what = fmt::format("plugin {} action {}", id, action_name);
  switch (run.end) {
    case End::kNotStarted:
      throw plugin_failed(what + " did not start", run.err_tail);
    case End::kTimedOut:
      throw plugin_failed(
          fmt::format("{} timed out after {} ms and was killed", what, timeout.count()),
          run.err_tail);
    case End::kOutputTooLarge:
      throw plugin_failed(fmt::format("{} wrote more than {} bytes on stdout and was killed", what,
                                      action->second.max_output_bytes),
                          run.err_tail);
    case End::kSignaled:
      throw plugin_failed(fmt::format("{} was killed by signal {}", what, run.signal),
                          run.err_tail);
    case End::kExited:
      break;
  }
  if (run.exit_code != 0) {
    throw plugin_failed(fmt::format("{} exited with status {}", what, run.exit_code), run.err_tail);
  }
  rapidjson::Document result;
  result.Parse(run.out.c_str(), run.out.size());
  if (result.HasParseError()) {
    throw plugin_failed(
        fmt::format("{} wrote no JSON on stdout: {:?}", what, run.out.substr(0, 200)),
        run.err_tail);
  }
  return json::to_text(result);
}

}  // namespace switchyard::workers::plugins
