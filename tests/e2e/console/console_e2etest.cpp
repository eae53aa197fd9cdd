// The web console end to end (docs/console.md): the real api, listener and worker
// on the test servers. The console's files at / and /static/ with their security
// headers, /static/ refusing every path that could leave its folder (sent raw, as
// a browser would never send them), /core-docs; then tests/browser/console.test.mjs
// drives Debian's chromium through the console (sign-in, a task's timeline, a
// dead letter replayed, a schedule paused, a live update, a plain user without
// admin buttons, no CSP violation); tests/browser/console_actions.test.mjs clicks
// the remaining buttons (a plugin disabled, enabled and reloaded, an incident
// acknowledged and resolved, a schedule resumed and run now, an API key pasted).
// Failure screenshots: build/test-artifacts/console_e2etest/.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>

#include "repository_config.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"
#include "test_stack.hpp"

namespace switchyard::testing {
namespace {

constexpr const char* kPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// The answer to `GET <target>` sent byte for byte (no client normalises the path
// on the way): its head and Content-Length bytes of body (Pistache keeps the
// connection open whatever the request asked), "" after 5 s without it.
std::string raw_get(std::uint16_t port, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return {};
  }
  const std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    answer.append(buffer, static_cast<std::size_t>(n));
    const auto head_end = answer.find("\r\n\r\n");
    if (head_end == std::string::npos) continue;
    const auto length_at = answer.find("Content-Length: ");
    const std::size_t length = length_at < head_end ? std::stoul(answer.substr(length_at + 16)) : 0;
    if (answer.size() >= head_end + 4 + length) break;
  }
  ::close(fd);
  return answer;
}

int status_of(const std::string& answer) {
  return answer.size() > 12 ? std::atoi(answer.substr(9, 3).c_str()) : 0;
}

class Console : public ::testing::Test {
 protected:
  // `system` publishes its lifecycle events, so that the live steps see the
  // event stream at work (the console polls too, for services that do not).
  // The two scripts sign in more often than 5 times a minute.
  // Plugins go to a folder of the test's own (the actions script installs the
  // exec example there and edits its manifest before a reload).
  static void SetUpTestSuite() {
    config_ = new TempDir();
    config_->write("services.yaml", services_yaml_publishing_events("system"));
    config_->write("clients.yaml", clients_yaml_with_more_sign_ins());
    plugins_dir_ = new TempDir();
    stack_ = new TestStack({"console_e2e",
                            1,
                            {{"SERVICES_CONFIG_FILE", (config_->path() / "services.yaml").string()},
                             {"CLIENTS_CONFIG_FILE", (config_->path() / "clients.yaml").string()},
                             {"PLUGINS_DIR", plugins_dir_->path().string()},
                             {"PLUGINS_EXEC", "true"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete plugins_dir_;
    plugins_dir_ = nullptr;
    delete config_;
    config_ = nullptr;
  }

  // Runs tests/browser/<script> with node against the stack; its output goes to
  // build/test-logs/<log_name> and is printed when every step passed.
  static void drive_chromium(const std::string& script, const std::string& log_name,
                             std::map<std::string, std::string> env) {
    const std::string chromium = "/usr/bin/chromium";
    ASSERT_TRUE(std::filesystem::exists(chromium))
        << chromium << " is missing: run scripts/deps.sh";
    ASSERT_TRUE(
        std::filesystem::exists(source_dir() + "/tests/browser/node_modules/playwright-core"))
        << "playwright-core is missing: run scripts/deps.sh";
    const std::string artifacts = build_dir() + "/test-artifacts/console_e2etest";
    std::filesystem::create_directories(artifacts);
    env["BASE_URL"] = stack_->base_url();
    env["ARTIFACT_DIR"] = artifacts;
    env["CHROMIUM"] = chromium;
    const std::string log = build_dir() + "/test-logs/" + log_name;
    std::filesystem::remove(log);  // ChildProcess appends
    ChildProcess node("/usr/bin/node", {source_dir() + "/tests/browser/" + script}, env, log);
    const auto status = node.wait_exit(std::chrono::minutes(4));
    if (!status) node.stop();
    EXPECT_EQ(status.value_or(-1), 0) << node.log();
    if (status == 0) std::cout << node.log();  // the steps that passed
  }

  static TempDir* config_;
  static TempDir* plugins_dir_;
  static TestStack* stack_;
};
TempDir* Console::config_ = nullptr;
TempDir* Console::plugins_dir_ = nullptr;
TestStack* Console::stack_ = nullptr;

TEST_F(Console, PageAndFilesCarryTheirTypesAndSecurityHeaders) {
  HttpClient http(stack_->base_url());
  const auto page = http.request("GET", "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find(R"(<script type="module" src="/static/app.js">)"), std::string::npos);
  EXPECT_EQ(page.header("content-security-policy"), kPolicy);
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(page.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(page.header("cache-control"), "no-cache");

  const auto module = http.request("GET", "/static/pages/tasks.js");
  ASSERT_EQ(module.status, 200);
  EXPECT_EQ(module.header("content-type"), "application/javascript; charset=utf-8");
  EXPECT_EQ(module.header("content-security-policy"), kPolicy);
  EXPECT_EQ(http.request("GET", "/static/console.css").header("content-type"),
            "text/css; charset=utf-8");
  EXPECT_EQ(http.request("GET", "/static/favicon.svg").header("content-type"), "image/svg+xml");

  // Revalidation by ETag.
  const std::string etag = module.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(http.request("GET", "/static/pages/tasks.js", {}, {{"If-None-Match", etag}}).status,
            304);
  EXPECT_EQ(http.request("GET", "/static/pages/tasks.js", {}, {{"If-None-Match", "\"x\""}}).status,
            200);

  // /core-docs is ReDoc, the same page as /redoc.
  const auto core_docs = http.request("GET", "/core-docs");
  ASSERT_EQ(core_docs.status, 200);
  EXPECT_EQ(core_docs.body, http.request("GET", "/redoc").body);
}

TEST_F(Console, StaticPathsThatCouldLeaveTheFolderAnswer404) {
  const std::uint16_t port = stack_->port();
  // The file every traversal below aims at is readable by the api process.
  ASSERT_TRUE(std::filesystem::exists(source_dir() + "/README.md"));
  const char* attempts[] = {
      "/static/../README.md",
      "/static/../../README.md",
      "/static/%2e%2e/README.md",
      "/static/%2E%2E/%2E%2E/README.md",
      "/static/%2e%2e%2fREADME.md",
      "/static/..%2f..%2f..%2fREADME.md",
      "/static/pages/..%2f..%2f..%2fREADME.md",
      "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fREADME.md",
      "/static/..%5c..%5c..%5cREADME.md",
      "/static/..\\..\\..\\README.md",
      "/static/%2fetc%2fpasswd",
      "/static/%2Fetc/passwd",
      "/static//etc/passwd",
      "/static/pages%2ftasks.js",  // exists as pages/tasks.js, but never through an encoded '/'
      "/static/pages%5ctasks.js",
      "/static/app.js%00",
      "/static/app.js%00.png",
      "/static/%00",
      "/static/.",
      "/static/..",
      "/static/%2e",
      "/static/pages",
      "/static/pages/",
      "/static/pages/.",
      "/static/pages/%2e%2e",
      "/static/./app.js",
      "/static/%2e/app.js",
      "/static/index.html/..",
      "/static/nothing.js",
      "/static/a/b/c.js",
      "/static/%ff%fe",
  };
  for (const char* target : attempts) {
    const std::string answer = raw_get(port, target);
    EXPECT_EQ(status_of(answer), 404) << target << " →\n" << answer.substr(0, 300);
    EXPECT_EQ(answer.find("## "), std::string::npos) << target << " served the README";
  }
  // The same files by their plain names are there.
  EXPECT_EQ(status_of(raw_get(port, "/static/pages/tasks.js")), 200);
  EXPECT_EQ(status_of(raw_get(port, "/static/app.js")), 200);
}

TEST_F(Console, ChromiumDrivesTheConsole) {
  std::map<std::string, std::string> env;
  // The README's picture: CONSOLE_SCREENSHOT=docs/console.png ctest -R console_e2etest
  if (const char* shot = std::getenv("CONSOLE_SCREENSHOT")) env["SCREENSHOT"] = shot;
  // The live steps must see the page open the event stream.
  env["LIVE_STREAM"] = "required";
  drive_chromium("console.test.mjs", "console_e2e-browser.log", env);
}

TEST_F(Console, ChromiumClicksThePluginIncidentAndScheduleButtons) {
  drive_chromium("console_actions.test.mjs", "console_e2e-actions-browser.log",
                 {{"PLUGINS_DIR", plugins_dir_->path().string()}});
}

}  // namespace
}  // namespace switchyard::testing
