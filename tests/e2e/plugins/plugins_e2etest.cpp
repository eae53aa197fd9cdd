// Plugins end to end (docs/plugins.md): the real api, listener and worker on the
// test servers, PLUGINS_DIR a temporary folder. The repository's exec example
// (config/plugins/hello_exec) installed from a local git repository and from a
// folder; its route called; disable, enable and a reload with a changed manifest
// (a renamed route, a new command) seen by the same running API and worker;
// uninstall removing row, route and files; the exec limits (timeout, output cap,
// non-zero exit, garbage on stdout) failing the call with what happened; and the
// install refusals (source, id, manifest, dependencies, hostile input).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "amqp/connection.hpp"
#include "amqp/topology.hpp"
#include "child_process.hpp"
#include "envelope/task_id.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

namespace fs = std::filesystem;
using Headers = std::map<std::string, std::string>;

fs::path example_plugin() { return fs::path(source_dir()) / "config/plugins/hello_exec"; }

// ChildProcess uses execv, which does not search PATH: find node the way a shell would.
std::string find_in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    std::error_code ignored;
    if (fs::is_regular_file(candidate, ignored) && ::access(candidate.c_str(), X_OK) == 0) {
      return fs::absolute(candidate).string();
    }
  }
  return "";
}

void run(const std::string& command) { ASSERT_EQ(std::system(command.c_str()), 0) << command; }

// A git repository holding a copy of `folder`, committed.
void make_git_repository(const fs::path& folder, const fs::path& repo) {
  fs::copy(folder, repo, fs::copy_options::recursive);
  run("cd '" + repo.string() + "' && git init -q && git add -A && " +
      "git -c user.name=t -c user.email=t@e.st commit -qm plugin");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string install_body(const std::string& name, const fs::path& source) {
  return R"({"name":")" + name + R"(","source":")" + source.string() + R"("})";
}

std::string error_message(const HttpResponse& response) {
  const auto body = parse_json(response.body);
  if (!body.IsObject() || !body.HasMember("error")) return "";
  return body["error"]["message"].GetString();
}

std::string invalid_field(const HttpResponse& response) {
  const auto body = parse_json(response.body);
  if (!body.IsObject() || !body.HasMember("error")) return "";
  const auto& details = body["error"]["details"];
  if (!details.IsArray() || details.Empty()) return "";
  return details[0]["field"].GetString();
}

class Plugins : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plugins_dir_ = new TempDir();
    stack_ =
        new TestStack({"plugins_e2e",
                       1,
                       {{"PLUGINS_DIR", plugins_dir_->path().string()}, {"PLUGINS_EXEC", "true"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete plugins_dir_;
    plugins_dir_ = nullptr;
  }
  void TearDown() override {
    // Each test starts without plugins.
    const auto list = parse_json(call("GET", "/system/plugins").body);
    for (const auto& item : list["items"].GetArray()) {
      call("DELETE", std::string("/system/plugins/") + item["id"].GetString());
    }
  }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = {}, const Headers& headers = admin_headers()) {
    return http_.request(method, path, body, headers);
  }
  void install(const std::string& name, const fs::path& source) {
    const auto response = call("POST", "/system/plugins", install_body(name, source));
    ASSERT_EQ(response.status, 201) << response.body;
  }
  // A plugin folder of the test's own, from a manifest and its files.
  fs::path plugin_folder(const std::string& manifest,
                         const std::map<std::string, std::string>& files = {}) {
    const fs::path folder = sources_.path() / ("p" + std::to_string(next_++));
    fs::create_directories(folder);
    write_file(folder / "plugin.yaml", manifest);
    for (const auto& [name, text] : files) write_file(folder / name, text);
    return folder;
  }

  static inline TempDir* plugins_dir_ = nullptr;
  static inline TestStack* stack_ = nullptr;
  HttpClient http_{stack_->base_url()};
  TempDir sources_;
  int next_ = 0;
};

TEST_F(Plugins, AnExecPluginFromALocalGitRepositoryIsInstalledCalledAndUninstalled) {
  const fs::path repo = sources_.path() / "hello_repo";
  make_git_repository(example_plugin(), repo);

  const auto installed =
      call("POST", "/system/plugins",
           R"({"name":"hello_exec","source":")" + repo.string() + R"(","version":"1.0.0"})");
  ASSERT_EQ(installed.status, 201) << installed.body;
  const auto answer = parse_json(installed.body);
  EXPECT_STREQ(answer["id"].GetString(), "hello_exec");
  EXPECT_STREQ(answer["status"].GetString(), "installed");
  EXPECT_TRUE(answer["message"].IsString());
  EXPECT_TRUE(fs::exists(plugins_dir_->path() / "hello_exec/greet.py"));
  EXPECT_FALSE(fs::exists(plugins_dir_->path() / "hello_exec/.git"));

  const auto list = parse_json(call("GET", "/system/plugins").body);
  ASSERT_EQ(list["total"].GetInt(), 1);
  const auto& item = list["items"][0];
  EXPECT_STREQ(item["name"].GetString(), "Hello (exec)");
  EXPECT_STREQ(item["version"].GetString(), "1.0.0");
  EXPECT_STREQ(item["author"].GetString(), "Switchyard");
  EXPECT_TRUE(item["active"].GetBool());
  EXPECT_STREQ(item["api_prefix"].GetString(), "/hello");
  EXPECT_STREQ(item["tags"][0].GetString(), "example");
  EXPECT_TRUE(item["loaded_at"].IsString());

  const auto detail = parse_json(call("GET", "/system/plugins/hello_exec").body);
  EXPECT_STREQ(detail["description"].GetString(),
               "Greets whoever it is given, from a Python script run per task.");
  ASSERT_EQ(detail["routes"].Size(), 1u);
  EXPECT_STREQ(detail["routes"][0].GetString(), "/hello/greet");
  EXPECT_TRUE(detail["dependencies"].IsArray());
  EXPECT_TRUE(detail["loaded_at"].IsString());
  EXPECT_TRUE(detail["last_reload"].IsNull());

  const auto greeted = call("POST", "/hello/greet", R"({"name":"Ada"})");
  ASSERT_EQ(greeted.status, 200) << greeted.body;
  EXPECT_STREQ(parse_json(greeted.body)["greeting"].GetString(), "Hello, Ada!");
  EXPECT_EQ(call("POST", "/hello/greet", R"({"name":"Ada"})", {}).status, 401);
  // A user without the route's permission (hello:greet, granted to no role).
  ASSERT_EQ(
      call(
          "POST", "/auth/register",
          R"({"email":"plain@example.com","password":"SecurePassword123!","full_name":"Plain User"})",
          {{"Content-Type", "application/json"}})
          .status,
      201);
  const auto login =
      call("POST", "/auth/login", "username=plain@example.com&password=SecurePassword123!",
           {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = parse_json(login.body)["access_token"].GetString();
  EXPECT_EQ(call("POST", "/hello/greet", R"({"name":"Ada"})",
                 {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}})
                .status,
            403);

  const auto again = call("POST", "/system/plugins", install_body("hello_exec", repo));
  EXPECT_EQ(again.status, 409) << again.body;

  EXPECT_EQ(call("DELETE", "/system/plugins/hello_exec").status, 204);
  EXPECT_EQ(call("GET", "/system/plugins/hello_exec").status, 404);
  EXPECT_FALSE(fs::exists(plugins_dir_->path() / "hello_exec"));
  EXPECT_EQ(call("POST", "/hello/greet", R"({"name":"Ada"})").status, 404);
  EXPECT_EQ(call("DELETE", "/system/plugins/hello_exec").status, 404);
}

TEST_F(Plugins, DisableEnableAndReloadAreSeenByTheRunningApiAndWorker) {
  // As a client of `make up` would name it: relative to the worker's working
  // directory, the repository (ctest runs the stack from there too).
  install("hello_exec", "config/plugins/hello_exec");
  ASSERT_EQ(call("POST", "/hello/greet", R"({"name":"Bo"})").status, 200);

  const auto disabled = call("POST", "/system/plugins/hello_exec/disable");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_FALSE(parse_json(disabled.body)["active"].GetBool());
  EXPECT_EQ(call("POST", "/hello/greet", R"({"name":"Bo"})").status, 409);
  EXPECT_EQ(parse_json(call("GET", "/system/plugins?active_only=true").body)["total"].GetInt(), 0);
  EXPECT_EQ(parse_json(call("GET", "/system/plugins").body)["total"].GetInt(), 1);

  const auto enabled = call("POST", "/system/plugins/hello_exec/enable");
  ASSERT_EQ(enabled.status, 200) << enabled.body;
  EXPECT_TRUE(parse_json(enabled.body)["active"].GetBool());
  ASSERT_EQ(call("POST", "/hello/greet", R"({"name":"Bo"})").status, 200);

  // The installed copy changes: a renamed route and a new command.
  const fs::path installed = plugins_dir_->path() / "hello_exec";
  write_file(
      installed / "welcome.py",
      "import json, sys\njson.dump({'welcome': json.load(sys.stdin)['name']}, sys.stdout)\n");
  std::string manifest = read_file(installed / "plugin.yaml");
  manifest = replaced(manifest, "version: 1.0.0", "version: 1.1.0");
  manifest = replaced(manifest, "path: /hello/greet", "path: /hello/welcome");
  manifest = replaced(manifest, "[python3, greet.py]", "[python3, welcome.py]");
  write_file(installed / "plugin.yaml", manifest);

  const auto reloaded = call("POST", "/system/plugins/hello_exec/reload");
  ASSERT_EQ(reloaded.status, 200) << reloaded.body;
  EXPECT_STREQ(parse_json(reloaded.body)["status"].GetString(), "reloaded");
  EXPECT_EQ(call("POST", "/hello/greet", R"({"name":"Bo"})").status, 404);
  const auto welcomed = call("POST", "/hello/welcome", R"({"name":"Bo"})");
  ASSERT_EQ(welcomed.status, 200) << welcomed.body;
  EXPECT_STREQ(parse_json(welcomed.body)["welcome"].GetString(), "Bo");

  const auto detail = parse_json(call("GET", "/system/plugins/hello_exec").body);
  EXPECT_STREQ(detail["version"].GetString(), "1.1.0");
  EXPECT_TRUE(detail["last_reload"].IsString());
  EXPECT_EQ(detail["generation"].GetInt(), 2);
}

TEST_F(Plugins, ExecLimitsFailTheCallWithWhatHappened) {
  const auto folder = plugin_folder(R"yaml(id: limits
version: "1"
runtime: exec
api_prefix: /limits
actions:
  slow: {command: [python3, -c, "import time; time.sleep(30)"], timeout_ms: 500}
  flood: {command: [python3, -c, "print('x' * 100000)"], max_output_bytes: 1000}
  crash: {command: [python3, -c, "import sys; sys.stderr.write('it broke'); sys.exit(3)"]}
  garbage: {command: [python3, -c, "print('not json')"]}
  echo: {command: [cat]}
routes:
  - {path: /limits/slow, action: slow, permission: limits:call}
  - {path: /limits/flood, action: flood, permission: limits:call}
  - {path: /limits/crash, action: crash, permission: limits:call}
  - {path: /limits/garbage, action: garbage, permission: limits:call}
  - {path: /limits/echo, action: echo, permission: limits:call}
)yaml");
  install("limits", folder);
  const auto expect_failure = [&](const std::string& route, const std::string& words) {
    const auto response = call("POST", route, "{}");
    EXPECT_EQ(response.status, 502) << route << " → " << response.body;
    EXPECT_NE(error_message(response).find(words), std::string::npos)
        << route << " → " << response.body;
  };
  expect_failure("/limits/slow", "timed out after 500 ms");
  expect_failure("/limits/flood", "more than 1000 bytes");
  expect_failure("/limits/crash", "exited with status 3; stderr: it broke");
  expect_failure("/limits/garbage", "wrote no JSON on stdout");
  const auto echoed = call("POST", "/limits/echo", R"({"nested":{"a":[1,2]},"s":"\u00e9"})");
  ASSERT_EQ(echoed.status, 200) << echoed.body;
  EXPECT_EQ(parse_json(echoed.body)["nested"]["a"][1].GetInt(), 2);
}

// The command runs with no transaction open (docs/plugins.md#exec-runtime): a slow
// plugin pins no PostgreSQL connection. The command writes `running` in its folder
// a second into its run, so any transaction the worker held over the run would by
// then have been idle for that second.
TEST_F(Plugins, AnExecCommandRunsWithNoTransactionOpen) {
  const auto folder = plugin_folder(R"yaml(id: sleepy
version: "1"
runtime: exec
api_prefix: /sleepy
actions:
  nap:
    command: [python3, -c, "import time; time.sleep(1); open('running', 'w').close(); time.sleep(2); print('{}')"]
routes:
  - {path: /sleepy/nap, action: nap, permission: sleepy:call}
)yaml");
  install("sleepy", folder);
  HttpResponse napped;
  std::thread call_in_background([&] {
    HttpClient client(stack_->base_url());
    napped = client.request("POST", "/sleepy/nap", "{}", admin_headers());
  });
  const bool started =
      eventually([&] { return fs::exists(plugins_dir_->path() / "sleepy/running"); });
  int idle_transactions = -1;
  if (started) {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    idle_transactions =
        tx.exec1(
              "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
              "AND state LIKE 'idle in transaction%' AND now() - xact_start > interval '800 ms'")[0]
            .as<int>();
  }
  call_in_background.join();
  ASSERT_TRUE(started) << "the command never wrote its marker";
  EXPECT_EQ(idle_transactions, 0);
  EXPECT_EQ(napped.status, 200) << napped.body;
}

TEST_F(Plugins, InstallRefusesWhatItCannotReadOrMustNotLoad) {
  // Sources: an option for git, a missing folder, a folder without a manifest.
  auto response =
      call("POST", "/system/plugins", R"({"name":"x","source":"--upload-pack=touch /tmp/owned"})");
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(invalid_field(response), "source");
  response = call("POST", "/system/plugins", install_body("x", "/nonexistent/plugin"));
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(invalid_field(response), "source");
  EXPECT_NE(error_message(response).find("/nonexistent/plugin"), std::string::npos);
  response = call("POST", "/system/plugins", install_body("x", sources_.path()));
  EXPECT_EQ(response.status, 400) << response.body;
  response = call("POST", "/system/plugins", install_body("x", "ext::sh -c touch% /tmp/owned"));
  EXPECT_EQ(response.status, 400) << response.body;

  // Ids and fields.
  response = call("POST", "/system/plugins", install_body("../etc", example_plugin()));
  EXPECT_EQ(response.status, 422) << response.body;
  EXPECT_EQ(invalid_field(response), "name");
  response = call("POST", "/system/plugins", install_body("other", example_plugin()));
  EXPECT_EQ(response.status, 422) << response.body;
  EXPECT_EQ(invalid_field(response), "name");
  EXPECT_EQ(call("POST", "/system/plugins", R"({"name":"x"})").status, 422);
  EXPECT_EQ(call("POST", "/system/plugins",
                 R"({"name":"x","source":")" + std::string(10000, 'a') + R"("})")
                .status,
            400);
  EXPECT_EQ(
      call("POST", "/system/plugins", "{\"name\":\"x\\u0000\",\"source\":\"/a\"}").status / 100, 4);
  EXPECT_EQ(
      call("POST", "/system/plugins", install_body("hello_exec", example_plugin()), {}).status,
      401);

  // Manifests: a core prefix, a missing dependency.
  const auto core = plugin_folder(
      "id: core\nversion: '1'\nruntime: exec\napi_prefix: /api/v1\n"
      "actions: {a: {command: [cat]}}\n");
  response = call("POST", "/system/plugins", install_body("core", core));
  EXPECT_EQ(response.status, 422) << response.body;
  EXPECT_NE(error_message(response).find("api_prefix"), std::string::npos) << response.body;
  const auto needy = plugin_folder(
      "id: needy\nversion: '1'\nruntime: exec\napi_prefix: /needy\ndependencies: [erp_core]\n"
      "actions: {a: {command: [cat]}}\n");
  response = call("POST", "/system/plugins", install_body("needy", needy));
  EXPECT_EQ(response.status, 409) << response.body;
  EXPECT_NE(error_message(response).find("erp_core"), std::string::npos) << response.body;

  EXPECT_EQ(parse_json(call("GET", "/system/plugins").body)["total"].GetInt(), 0);
  EXPECT_EQ(call("POST", "/system/plugins/nope/reload").status, 404);
  EXPECT_EQ(call("POST", "/system/plugins/nope/enable").status, 404);
  EXPECT_FALSE(fs::exists("/tmp/owned"));
}

TEST_F(Plugins, InstallAndReloadAreAnnouncedOnTheEventsExchange) {
  amqp::Connection broker({stack_->broker_url(), "plugins-e2e events"});
  amqp::QueueOptions transient;
  transient.durable = false;
  for (const char* event : {"plugin.loaded", "plugin.reloaded"}) {
    broker.declare_queue(std::string("plugins_e2e.") + event, transient);
    broker.bind_queue(std::string("plugins_e2e.") + event, amqp::kEventsExchange, event);
  }
  install("hello_exec", example_plugin());
  EXPECT_TRUE(eventually([&] { return broker.queue_depth("plugins_e2e.plugin.loaded") == 1; }));
  EXPECT_EQ(broker.queue_depth("plugins_e2e.plugin.reloaded"), 0u);
  ASSERT_EQ(call("POST", "/system/plugins/hello_exec/reload").status, 200);
  EXPECT_TRUE(eventually([&] { return broker.queue_depth("plugins_e2e.plugin.reloaded") == 1; }));
  EXPECT_EQ(broker.queue_depth("plugins_e2e.plugin.loaded"), 1u);
  broker.delete_queue("plugins_e2e.plugin.loaded");
  broker.delete_queue("plugins_e2e.plugin.reloaded");
}

TEST_F(Plugins, AQueuePluginIsServedByTheNodeWorkerConsumingItsQueue) {
  const std::string node = find_in_path("node");
  const std::string worker_dir = source_dir() + "/workers/js";
  if (node.empty() || !fs::is_directory(worker_dir + "/node_modules/amqplib")) {
    GTEST_SKIP() << "node or workers/js/node_modules is missing (scripts/deps.sh installs both)";
  }
  // Installed before its worker runs: the install declares the queue, so a call
  // waits there for the worker instead of being unroutable.
  install("hello_queue", fs::path(source_dir()) / "config/plugins/hello_queue");
  auto env = stack_->environment();
  env["SERVICE"] = "plugin_hello_queue";
  ChildProcess worker(node, {worker_dir + "/worker.js"}, env,
                      build_dir() + "/test-logs/plugins_e2e-hello-queue.log");
  ASSERT_TRUE(eventually([&] { return worker.log().find("connected") != std::string::npos; }))
      << worker.log();

  const auto upper = call("POST", "/hello-queue/uppercase", R"({"text":"abc"})");
  ASSERT_EQ(upper.status, 200) << upper.body;
  EXPECT_STREQ(parse_json(upper.body)["text"].GetString(), "ABC");
  const auto sum = call("POST", "/hello-queue/add", R"({"a":2,"b":3})");
  ASSERT_EQ(sum.status, 200) << sum.body;
  EXPECT_EQ(parse_json(sum.body)["sum"].GetInt(), 5);

  // Disabled: its routes answer 409 and its worker stops consuming (the marker and
  // plugin.disabled); a task that still reaches the queue waits there.
  ASSERT_EQ(call("POST", "/system/plugins/hello_queue/disable").status, 200);
  EXPECT_EQ(call("POST", "/hello-queue/uppercase", R"({"text":"abc"})").status, 409);
  amqp::Connection broker({stack_->broker_url(), "plugins-e2e queue"});
  const std::string queue = "tasks.plugin_hello_queue";
  ASSERT_TRUE(eventually([&] { return broker.queue_state(queue).consumers == 0; })) << worker.log();
  const std::string id = envelope::new_task_id();
  amqp::MessageProperties properties;
  properties.message_id = id;
  broker.publish(
      amqp::kTasksExchange, "plugin_hello_queue.uppercase",
      R"({"id":")" + id +
          R"(","service":"plugin_hello_queue","action":"uppercase","payload":{"text":"later"}})",
      properties, true);
  EXPECT_TRUE(eventually([&] { return broker.queue_depth(queue) == 1; }));
  EXPECT_EQ(worker.stop(), 0) << worker.log();

  // A worker started while the plugin is disabled leaves the queue alone too.
  ChildProcess second(node, {worker_dir + "/worker.js"}, env,
                      build_dir() + "/test-logs/plugins_e2e-hello-queue-2.log");
  ASSERT_TRUE(eventually([&] { return second.log().find("left alone") != std::string::npos; }))
      << second.log();
  EXPECT_EQ(broker.queue_state(queue).consumers, 0u);
  EXPECT_EQ(broker.queue_depth(queue), 1u);

  // Enabled: it consumes again and the task that waited runs.
  ASSERT_EQ(call("POST", "/system/plugins/hello_queue/enable").status, 200);
  TaskApiClient tasks(stack_->base_url());
  ASSERT_TRUE(tasks.reaches(id, "succeeded")) << second.log();
  EXPECT_EQ(broker.queue_state(queue).consumers, 1u);
  EXPECT_EQ(call("POST", "/hello-queue/uppercase", R"({"text":"abc"})").status, 200);
  EXPECT_EQ(second.stop(), 0) << second.log();
}

// MAX_WAIT_SECONDS=1: a write the test holds back past it is answered 202, and
// the worker that commits it later still announces it (docs/plugins.md#events).
class PluginsPastTheApiWait : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plugins_dir_ = new TempDir();
    stack_ = new TestStack({"plugins_late_e2e",
                            1,
                            {{"PLUGINS_DIR", plugins_dir_->path().string()},
                             {"PLUGINS_EXEC", "true"},
                             {"MAX_WAIT_SECONDS", "1"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete plugins_dir_;
    plugins_dir_ = nullptr;
  }

  // Sends the write while a transaction of the test's own keeps every write to
  // `plugins` waiting (reads go on), so the API answers 202; then lets it through.
  HttpResponse held_back(const std::string& path, const std::string& body) {
    pqxx::connection db(stack_->database_url());
    pqxx::work lock(db);
    lock.exec0("LOCK TABLE plugins IN SHARE ROW EXCLUSIVE MODE");
    HttpClient http(stack_->base_url());
    auto response = http.request("POST", path, body, admin_headers());
    lock.abort();
    return response;
  }

  static inline TempDir* plugins_dir_ = nullptr;
  static inline TestStack* stack_ = nullptr;
};

TEST_F(PluginsPastTheApiWait, AnInstallAndAReloadAnsweredAcceptedAreStillAnnouncedOnce) {
  amqp::Connection broker({stack_->broker_url(), "plugins-late-e2e events"});
  amqp::QueueOptions transient;
  transient.durable = false;
  for (const char* event : {"plugin.loaded", "plugin.reloaded", "task.completed"}) {
    broker.declare_queue(std::string("plugins_late_e2e.") + event, transient);
    broker.bind_queue(std::string("plugins_late_e2e.") + event, amqp::kEventsExchange, event);
  }
  const auto depth = [&](const std::string& event) {
    return broker.queue_depth("plugins_late_e2e." + event);
  };
  TaskApiClient tasks(stack_->base_url());

  const auto installed = held_back("/system/plugins", install_body("hello_exec", example_plugin()));
  ASSERT_EQ(installed.status, 202) << installed.body;
  const std::string install_id = parse_json(installed.body)["id"].GetString();
  ASSERT_TRUE(tasks.reaches(install_id, "succeeded")) << install_id;
  EXPECT_TRUE(eventually([&] {
    return depth("plugin.loaded") == 1 && depth("task.completed") == 1;
  })) << depth("plugin.loaded")
      << " plugin.loaded, " << depth("task.completed") << " task.completed";

  const auto reloaded = held_back("/system/plugins/hello_exec/reload", "");
  ASSERT_EQ(reloaded.status, 202) << reloaded.body;
  ASSERT_TRUE(tasks.reaches(parse_json(reloaded.body)["id"].GetString(), "succeeded"));
  EXPECT_TRUE(eventually([&] {
    return depth("plugin.reloaded") == 1 && depth("task.completed") == 2;
  })) << depth("plugin.reloaded")
      << " plugin.reloaded, " << depth("task.completed") << " task.completed";
  EXPECT_EQ(depth("plugin.loaded"), 1u);
  for (const char* event : {"plugin.loaded", "plugin.reloaded", "task.completed"}) {
    broker.delete_queue(std::string("plugins_late_e2e.") + event);
  }
}

// ENV=production's default, here set by hand: exec plugins are refused, queue
// plugins are not.
class PluginsWithoutExec : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plugins_dir_ = new TempDir();
    stack_ = new TestStack(
        {"plugins_noexec_e2e",
         1,
         {{"PLUGINS_DIR", plugins_dir_->path().string()}, {"PLUGINS_EXEC", "false"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete plugins_dir_;
    plugins_dir_ = nullptr;
  }
  static inline TempDir* plugins_dir_ = nullptr;
  static inline TestStack* stack_ = nullptr;
};

TEST_F(PluginsWithoutExec, AnExecPluginIsRefusedAndAQueuePluginInstalled) {
  HttpClient http(stack_->base_url());
  const auto exec = http.request("POST", "/system/plugins",
                                 install_body("hello_exec", example_plugin()), admin_headers());
  EXPECT_EQ(exec.status, 409) << exec.body;
  EXPECT_NE(error_message(exec).find("PLUGINS_EXEC"), std::string::npos) << exec.body;
  EXPECT_FALSE(fs::exists(plugins_dir_->path() / "hello_exec"));
  const auto queue = http.request(
      "POST", "/system/plugins",
      install_body("hello_queue", fs::path(source_dir()) / "config/plugins/hello_queue"),
      admin_headers());
  EXPECT_EQ(queue.status, 201) << queue.body;
}

}  // namespace
}  // namespace switchyard::testing
