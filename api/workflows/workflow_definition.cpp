#include "workflows/workflow_definition.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "envelope/task_id.hpp"
#include "errors/app_error.hpp"
#include "json/json_fields.hpp"
#include "tasks/submission_policy.hpp"

namespace switchyard::api {
namespace {

struct Step {
  std::string field;  // "steps.3" or "on_failure", for errors
  std::string id;
  std::string service;
  std::string action;
  const rapidjson::Value* payload = nullptr;
  std::vector<std::string> depends_on;
  int priority = 0;
  int max_attempts = 1;
  int timeout_ms = 30000;
  bool compensation = false;
  // Where the payload's references are and what they read, so that the database
  // sets them with jsonb_set instead of walking the payload.
  struct Reference {
    std::vector<std::string> at;  // keys and array indexes from the payload's root
    std::string from;             // "steps.fetch.result.url"
  };
  std::vector<Reference> refs;
};

AppError unrunnable(const std::string& field, const std::string& message) {
  return AppError(
      ErrorCode::kUnprocessable, fmt::format("Validation failed: {} {}", field, message),
      fmt::format(R"([{{"field":{},"message":{}}}])", json::quoted(field), json::quoted(message)));
}

std::string string_of(const rapidjson::Value& object, const char* key) {
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

int int_of(const rapidjson::Value& object, const char* key, int fallback) {
  const auto it = object.FindMember(key);
  return it == object.MemberEnd() ? fallback : it->value.GetInt();
}

// What a reference may name; false with the reason otherwise.
bool readable(const Step& step, std::string_view ref, const std::unordered_set<std::string>& ids,
              std::string& reason) {
  auto next_part = [&ref]() {
    const auto dot = ref.find('.');
    std::string_view part = ref.substr(0, dot);
    ref = dot == std::string_view::npos ? std::string_view{} : ref.substr(dot + 1);
    return part;
  };
  const std::string_view root = next_part();
  if (root == "workflow") {
    const std::string_view field = next_part();
    if ((field == "id" || field == "submitted_by") && ref.empty()) return true;
    reason = "workflow references are workflow.id and workflow.submitted_by";
    return false;
  }
  if (root == "failure") {
    if (step.compensation) return true;
    reason = "only the on_failure step reads the failure";
    return false;
  }
  if (root == "steps") {
    const std::string id(next_part());
    const std::string_view field = next_part();
    const bool parent =
        std::find(step.depends_on.begin(), step.depends_on.end(), id) != step.depends_on.end();
    if (!(step.compensation ? ids.count(id) > 0 : parent)) {
      reason = step.compensation ? fmt::format("names no step \"{}\"", id)
                                 : fmt::format("names \"{}\", which is not in depends_on", id);
      return false;
    }
    if (field == "result" || field == "error" || field == "status" || field == "task_id")
      return true;
    reason = "reads a step's result, error, status or task_id";
    return false;
  }
  reason = "must start with steps., workflow. or failure";
  return false;
}

// Checks every {"$ref": "..."} object under `value` (at `path` in the payload)
// and adds it to the step's refs.
void find_references(Step& step, const rapidjson::Value& value, std::vector<std::string>& path,
                     const std::unordered_set<std::string>& ids) {
  if (value.IsObject()) {
    const auto ref = value.FindMember("$ref");
    if (ref != value.MemberEnd() && value.MemberCount() == 1) {
      if (!ref->value.IsString()) {
        throw unrunnable(step.field + ".payload", "a $ref must be a string");
      }
      if (path.empty()) {
        throw unrunnable(step.field + ".payload", "the payload itself cannot be a reference");
      }
      std::string reason;
      const std::string_view text(ref->value.GetString(), ref->value.GetStringLength());
      if (!readable(step, text, ids, reason)) {
        throw unrunnable(step.field + ".payload", fmt::format("reference \"{}\" {}", text, reason));
      }
      step.refs.push_back({path, std::string(text)});
      return;
    }
    for (const auto& member : value.GetObject()) {
      path.emplace_back(member.name.GetString(), member.name.GetStringLength());
      find_references(step, member.value, path, ids);
      path.pop_back();
    }
  } else if (value.IsArray()) {
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
      path.push_back(std::to_string(i));
      find_references(step, value[i], path, ids);
      path.pop_back();
    }
  }
}

Step read_step(const rapidjson::Value& object, std::string field, const WorkflowRules& rules) {
  Step step;
  step.field = std::move(field);
  step.id = string_of(object, "id");
  step.service = string_of(object, "service");
  step.action = string_of(object, "action");
  const config::ServiceConfig* service = rules.services.find_service(step.service);
  if (service == nullptr || (service->internal && !rules.platform)) {
    throw unrunnable(step.field + ".service",
                     fmt::format("\"{}\" is not a configured service", step.service));
  }
  const auto action = service->actions.find(step.action);
  if (action == service->actions.end()) {
    throw unrunnable(
        step.field + ".action",
        fmt::format("\"{}\" is not an action of service \"{}\"", step.action, step.service));
  }
  if (const auto payload = object.FindMember("payload"); payload != object.MemberEnd()) {
    step.payload = &payload->value;
  }
  if (const auto deps = object.FindMember("depends_on"); deps != object.MemberEnd()) {
    for (const auto& dep : deps->value.GetArray()) {
      std::string parent(dep.GetString(), dep.GetStringLength());
      if (std::find(step.depends_on.begin(), step.depends_on.end(), parent) ==
          step.depends_on.end()) {
        step.depends_on.push_back(std::move(parent));
      }
    }
  }
  step.priority = int_of(object, "priority", 0);
  step.max_attempts = int_of(object, "max_attempts", action->second.retry.max_attempts);
  step.timeout_ms = int_of(object, "timeout_ms", action->second.timeout_ms);
  if (rules.platform) return step;
  try {
    check_submission_policy(rules.caller, *service, action->second, step.timeout_ms,
                            step.max_attempts, rules.production);
  } catch (const AppError& e) {
    if (e.code() != ErrorCode::kUnprocessable) throw;
    // The same refusal, its field named within the step.
    rapidjson::Document details;
    details.Parse(e.details_json().c_str());
    throw unrunnable(step.field + "." + details[0]["field"].GetString(),
                     details[0]["message"].GetString());
  }
  return step;
}

// Kahn's algorithm; a step left over is on a cycle (or waits for one).
void refuse_cycles(const std::vector<Step>& steps,
                   const std::unordered_map<std::string, std::size_t>& index) {
  std::vector<std::size_t> waiting(steps.size());
  std::vector<std::vector<std::size_t>> children(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    for (const auto& parent : steps[i].depends_on) children[index.at(parent)].push_back(i);
    waiting[i] = steps[i].depends_on.size();
  }
  std::vector<std::size_t> ready;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (waiting[i] == 0) ready.push_back(i);
  }
  std::size_t done = 0;
  while (!ready.empty()) {
    const std::size_t i = ready.back();
    ready.pop_back();
    ++done;
    for (const std::size_t child : children[i]) {
      if (--waiting[child] == 0) ready.push_back(child);
    }
  }
  if (done == steps.size()) return;
  // Walk back through unfinished parents from an unfinished step until one repeats.
  std::size_t at = 0;
  while (waiting[at] == 0) ++at;
  std::vector<std::size_t> path;
  std::vector<bool> seen(steps.size(), false);
  while (!seen[at]) {
    seen[at] = true;
    path.push_back(at);
    for (const auto& parent : steps[at].depends_on) {
      if (waiting[index.at(parent)] != 0) {
        at = index.at(parent);
        break;
      }
    }
  }
  std::string cycle = steps[at].id;
  for (auto it = std::find(path.begin(), path.end(), at) + 1; it != path.end(); ++it) {
    cycle = steps[*it].id + " -> " + cycle;
  }
  cycle = steps[at].id + " -> " + cycle;
  throw unrunnable(steps[at].field + ".depends_on", "is part of a cycle: " + cycle);
}

void write_step(json::Writer& w, const Step& step, const std::string& workflow_id) {
  w.StartObject();
  json::string_field(w, "id", step.id);
  json::string_field(w, "task_id", envelope::workflow_step_task_id(workflow_id, step.id));
  json::string_field(w, "service", step.service);
  json::string_field(w, "action", step.action);
  w.Key("payload");
  if (step.payload != nullptr) {
    step.payload->Accept(w);
  } else {
    w.StartObject();
    w.EndObject();
  }
  w.Key("refs");
  w.StartArray();
  for (const auto& ref : step.refs) {
    w.StartObject();
    w.Key("at");
    w.StartArray();
    for (const auto& key : ref.at)
      w.String(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    w.EndArray();
    json::string_field(w, "from", ref.from);
    w.EndObject();
  }
  w.EndArray();
  w.Key("max_attempts");
  w.Int(step.max_attempts);
  w.Key("timeout_ms");
  w.Int(step.timeout_ms);
  w.Key("priority");
  w.Int(step.priority);
  w.Key("depends_on");
  w.StartArray();
  for (const auto& parent : step.depends_on) w.String(parent.c_str());
  w.EndArray();
  w.Key("compensation");
  w.Bool(step.compensation);
  w.EndObject();
}

}  // namespace

std::string workflow_start_payload(const rapidjson::Value& body, const std::string& workflow_id,
                                   const WorkflowRules& rules) {
  const auto& items = body["steps"];
  if (items.Size() > static_cast<rapidjson::SizeType>(rules.max_steps)) {
    throw unrunnable("steps", fmt::format("has {} steps; a workflow has at most {}", items.Size(),
                                          rules.max_steps));
  }
  std::vector<Step> steps;
  std::unordered_map<std::string, std::size_t> index;
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    Step step = read_step(items[i], fmt::format("steps.{}", i), rules);
    if (!index.emplace(step.id, steps.size()).second) {
      throw unrunnable(step.field + ".id",
                       fmt::format("\"{}\" is the id of an earlier step", step.id));
    }
    steps.push_back(std::move(step));
  }
  std::unordered_set<std::string> ids;
  for (const auto& step : steps) {
    ids.insert(step.id);
    for (const auto& parent : step.depends_on) {
      if (!index.count(parent)) {
        throw unrunnable(step.field + ".depends_on", fmt::format("names no step \"{}\"", parent));
      }
      if (parent == step.id) throw unrunnable(step.field + ".depends_on", "names the step itself");
    }
  }
  refuse_cycles(steps, index);
  if (const auto on_failure = body.FindMember("on_failure"); on_failure != body.MemberEnd()) {
    Step step = read_step(on_failure->value, "on_failure", rules);
    if (step.id.empty()) step.id = "on_failure";
    if (index.count(step.id)) {
      throw unrunnable("on_failure.id", fmt::format("\"{}\" is the id of a step", step.id));
    }
    step.compensation = true;
    steps.push_back(std::move(step));
  }
  for (auto& step : steps) {
    std::vector<std::string> path;
    if (step.payload != nullptr) find_references(step, *step.payload, path, ids);
  }

  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "workflow_id", workflow_id);
  const auto policy = body.FindMember("failure_policy");
  json::string_field(w, "failure_policy",
                     policy == body.MemberEnd() ? std::string("fail_fast")
                                                : std::string(policy->value.GetString()));
  // The platform's own workflows announce nothing (migrations/0033): their
  // progress is shown where they belong (an incident's timeline).
  if (rules.platform) {
    w.Key("publish_events");
    w.Bool(false);
  }
  w.Key("steps");
  w.StartArray();
  for (const auto& step : steps) write_step(w, step, workflow_id);
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace switchyard::api
