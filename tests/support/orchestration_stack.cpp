#include "orchestration_stack.hpp"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <future>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>

#include "envelope/internal_task.hpp"
#include "envelope/task_id.hpp"
#include "json/json_fields.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using namespace std::chrono_literals;

// services.yaml with the orchestration's backoff at 100 ms, so that a retry comes
// back within a test's patience.
std::string fast_retry_services(const TempDir& dir) {
  std::ifstream in(source_dir() + "/config/services.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const auto section = yaml.find("  incident_orchestration:");
  const std::string from = "backoff_base_ms: 1000";
  const auto base = yaml.find(from, section);
  if (section == std::string::npos || base == std::string::npos) {
    throw std::runtime_error("services.yaml has no incident_orchestration backoff to speed up");
  }
  yaml.replace(base, from.size(), "backoff_base_ms: 100");
  dir.write("services.yaml", yaml);
  return (dir.path() / "services.yaml").string();
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) throw std::runtime_error("not JSON: " + text);
  return doc;
}

std::string status_of(const rapidjson::Document& doc) {
  return doc.IsObject() && doc.HasMember("status") && doc["status"].IsString()
             ? doc["status"].GetString()
             : "";
}

}  // namespace

std::string OrchestratedIncident::channel(const std::string& slug) const {
  std::string code = short_id.substr(4);
  for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "inc-" + code + "-" + slug;
}

OrchestrationStack::OrchestrationStack(const std::string& name,
                                       std::map<std::string, std::string> env) {
  const std::string services_file = fast_retry_services(dir_);
  env["SERVICES_CONFIG_FILE"] = services_file;
  stack_ = std::make_unique<TestStack>(TestStackOptions{name, 1, env});
  services_.emplace(config::ServicesConfig::load_file(services_file));
  publisher_.emplace(amqp::TaskPublisherOptions{{stack_->broker_url(), name + "-test"}},
                     *services_);
  publisher_->start();
  if (!eventually([this] { return publisher_->connected(); }, 10s)) {
    throw std::runtime_error("the test's publisher never connected");
  }
  http_ = std::make_unique<HttpClient>(stack_->base_url());
}

OrchestrationStack::~OrchestrationStack() {
  publisher_->stop();
  stack_.reset();
}

std::string OrchestrationStack::sql(const std::string& statement,
                                    const std::vector<std::string>& params) {
  pqxx::connection db(stack_->database_url());
  pqxx::nontransaction tx(db);
  const pqxx::result rows = tx.exec_params(statement, pqxx::prepare::make_dynamic_params(params));
  return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
}

std::string OrchestrationStack::user(const std::string& name) {
  return sql("INSERT INTO users (email, username, password_hash) VALUES ($1, $2, 'x') RETURNING id",
             {name + "@example.test", name});
}

std::string OrchestrationStack::service(const std::string& on_call_user_id) {
  const int n = ++teams_;
  const std::string team = envelope::new_task_id();
  sql("INSERT INTO incident_teams (id, name, slack_channel_id) VALUES ($1, $2, 'CTEAM')",
      {team, fmt::format("Team {}", n)});
  if (!on_call_user_id.empty()) {
    sql("INSERT INTO incident_on_call_overrides (id, team_id, user_id, starts_at, ends_at) "
        "VALUES (gen_random_uuid(), $1, $2::bigint, now() - interval '1 hour', "
        "now() + interval '1 day')",
        {team, on_call_user_id});
  }
  const std::string id = envelope::new_task_id();
  sql("INSERT INTO incident_services (id, name, owner_team_id) VALUES ($1, $2, $3)",
      {id, fmt::format("service-{}", n), team});
  return id;
}

OrchestratedIncident OrchestrationStack::create(const std::string& title,
                                                const std::string& on_call_user_id) {
  const std::string body = "{\"title\":" + json::quoted(title) + ",\"service\":\"" +
                           service(on_call_user_id) +
                           R"(","severity":"SEV1_CRITICAL","description":"It broke."})";
  const auto response = http_->request("POST", "/api/v1/incidents/", body, admin_headers());
  if (response.status != 201) {
    throw std::runtime_error("POST /api/v1/incidents/: " + std::to_string(response.status) + " " +
                             response.body);
  }
  const auto created = parse(response.body);
  return {created["id"].GetString(), created["short_id"].GetString()};
}

OrchestratedIncident OrchestrationStack::insert(const std::string& title,
                                                const std::string& on_call_user_id,
                                                const std::string& war_room_channel_id) {
  const std::string service_id = service(on_call_user_id);
  const std::string id = envelope::new_task_id();
  const std::string short_id = fmt::format("INC-T{:05}", ++inserted_);
  sql("INSERT INTO incidents (id, short_id, title, description, severity, service_id, "
      "created_by, detected_at, war_room_channel_id) VALUES ($1, $2, $3, 'It broke.', "
      "'SEV1_CRITICAL', $4, 'test', now(), nullif($5, ''))",
      {id, short_id, title, service_id, war_room_channel_id});
  return {id, short_id};
}

std::string OrchestrationStack::publish(const domain::TaskKind& kind,
                                        const std::string& incident_id) {
  const auto task = envelope::internal_task(
      *services_, kind, R"({"incident_id":")" + incident_id + R"("})", "user:1");
  auto confirmed = std::make_shared<std::promise<amqp::PublishOutcome>>();
  auto outcome = confirmed->get_future();
  publisher_->publish(task, std::nullopt,
                      [confirmed](amqp::PublishOutcome o) { confirmed->set_value(std::move(o)); });
  if (outcome.wait_for(10s) != std::future_status::ready ||
      outcome.get().kind != amqp::PublishOutcome::Kind::kConfirmed) {
    throw std::runtime_error("the broker did not confirm " + task.routing_key());
  }
  return task.id;
}

rapidjson::Document OrchestrationStack::get(const std::string& path) {
  const auto response = http_->request("GET", path, {}, admin_headers());
  if (response.status != 200) return rapidjson::Document();
  return parse(response.body);
}

rapidjson::Document OrchestrationStack::incident(const std::string& id) {
  return get("/api/v1/incidents/" + id + "/");
}

rapidjson::Document OrchestrationStack::workflow(const std::string& id) {
  return get("/api/v1/workflows/" + id);
}

rapidjson::Document OrchestrationStack::task(const std::string& id) {
  return get("/api/v1/tasks/" + id);
}

bool OrchestrationStack::workflow_reaches(const std::string& id, const std::string& status) {
  return eventually([&] { return status_of(workflow(id)) == status; });
}

bool OrchestrationStack::task_reaches(const std::string& id, const std::string& status) {
  return eventually([&] { return status_of(task(id)) == status; });
}

rapidjson::Document OrchestrationStack::step(const std::string& id, const std::string& step_id) {
  const auto run = workflow(id);
  rapidjson::Document found;
  if (!run.IsObject() || !run.HasMember("steps")) return found;
  for (const auto& step : run["steps"].GetArray()) {
    if (step["id"].GetString() == step_id) found.CopyFrom(step, found.GetAllocator());
  }
  return found;
}

std::vector<OrchestrationEntry> OrchestrationStack::timeline(const std::string& incident_id) {
  std::vector<OrchestrationEntry> entries;
  const auto detail = incident(incident_id);
  if (!detail.IsObject() || !detail.HasMember("timeline")) return entries;
  for (const auto& entry : detail["timeline"].GetArray()) {
    if (std::string(entry["type"].GetString()) != "ORCHESTRATION" || !entry["author"].IsNull()) {
      continue;
    }
    const auto& data = entry["data"];
    entries.push_back(
        {entry["message"].GetString(), data["step"].GetString(), data["state"].GetString(),
         data.HasMember("attempt") ? data["attempt"].GetInt() : 0, json::to_text(data)});
  }
  return entries;
}

std::vector<std::string> OrchestrationStack::states(const std::string& incident_id,
                                                    const std::string& step) {
  std::vector<std::string> out;
  for (const auto& entry : timeline(incident_id)) {
    if (entry.step == step) out.push_back(entry.state + "@" + std::to_string(entry.attempt));
  }
  return out;
}

}  // namespace switchyard::testing
