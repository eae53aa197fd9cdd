// Rate limits as documented: X-RateLimit-* headers, 429 with retry_after in each
// surface's format (the platform's, IMAS's on sign-in and on the incident routes), recovery when
// the window ends, and one budget for the whole deployment (two API processes share a limit instead
// of doubling it).
#include <gtest/gtest.h>

#include <thread>

#include "child_process.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using Clock = std::chrono::system_clock;

// sha256("limited-client-key"), sha256("limited-admin-key")
constexpr const char* kClientsYaml = R"(
api_keys:
  - name: limited
    sha256: 549a23a52d7d7040724a7f39805513cfe75d19d663ddaa7da2124904c8fb9fb7
    role: client
    client: acme
  - name: limited-admin
    sha256: 642eb1fb695c3ef7e26b457c8a3ba1ef4552379532faade5a46c0acf29aadce7
    role: admin
rate_limits:
  auth: {requests: 3, period_seconds: 60}
  standard: {requests: 6, period_seconds: 4}
  admin: {requests: 6, period_seconds: 4}
)";

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

class RateLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kClientsYaml);
    stack_ =
        new TestStack({"rate_limits_e2e",
                       1,
                       {{"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete config_dir_;
    config_dir_ = nullptr;
  }

  static std::map<std::string, std::string> client_key() {
    return {{"Authorization", "Bearer limited-client-key"}};
  }

  // Sleeps until a fresh window of `period` seconds has just begun.
  static void wait_for_window_start(int period) {
    const std::int64_t next = (now_epoch() / period + 1) * period;
    std::this_thread::sleep_until(Clock::time_point(std::chrono::seconds(next)) +
                                  std::chrono::milliseconds(50));
  }

  // Sleeps into the next window of `period` seconds unless this one has `room`
  // left: a sequence that must fit in one window (three sign-ins, each an Argon2
  // check that takes long on a loaded machine) must not straddle its end.
  static void wait_for_room_in_window(int period, std::chrono::seconds room) {
    const std::int64_t next = (now_epoch() / period + 1) * period;
    if (next - now_epoch() < room.count()) wait_for_window_start(period);
  }

  static TempDir* config_dir_;
  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
};

TempDir* RateLimits::config_dir_ = nullptr;
TestStack* RateLimits::stack_ = nullptr;

TEST_F(RateLimits, SignInsAreLimitedPerIpWithHeadersThen429InEachSurfacesFormat) {
  const std::map<std::string, std::string> json{{"Content-Type", "application/json"}};
  wait_for_room_in_window(60, std::chrono::seconds(20));
  for (int i = 0; i < 3; ++i) {
    const auto response =
        http_.request("POST", "/auth/login", R"({"username":"admin","password":"wrong"})", json);
    EXPECT_EQ(response.status, 401) << response.body;
    EXPECT_EQ(response.header("x-ratelimit-limit"), "3");
    EXPECT_EQ(response.header("x-ratelimit-remaining"), std::to_string(2 - i));
    EXPECT_GT(std::stoll(response.header("x-ratelimit-reset")), now_epoch());
  }
  const auto refused =
      http_.request("POST", "/auth/login", R"({"username":"admin","password":"admin"})", json);
  ASSERT_EQ(refused.status, 429) << refused.body;
  const auto body = parse_json(refused.body);
  EXPECT_STREQ(body["error"]["code"].GetString(), "RATE_LIMIT");
  EXPECT_GT(body["error"]["retry_after"].GetInt(), 0);
  EXPECT_EQ(refused.header("retry-after"), std::to_string(body["error"]["retry_after"].GetInt()));

  // IMAS's token endpoint shares the sign-in budget and answers in its own format.
  const auto imas =
      http_.request("POST", "/api/auth/token/", R"({"username":"admin","password":"admin"})", json);
  ASSERT_EQ(imas.status, 429) << imas.body;
  const auto imas_body = parse_json(imas.body);
  EXPECT_STREQ(imas_body["error"].GetString(), "Rate limit exceeded");
  EXPECT_GT(imas_body["retry_after"].GetInt(), 0);
}

TEST_F(RateLimits, CallerLimitRefusesThenRecoversWhenTheWindowEnds) {
  wait_for_window_start(4);
  for (int i = 0; i < 6; ++i) {
    const auto response = http_.request("GET", "/api/v1/services", {}, client_key());
    ASSERT_EQ(response.status, 200) << i << ": " << response.body;
  }
  const auto refused = http_.request("GET", "/api/v1/services", {}, client_key());
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.header("x-ratelimit-remaining"), "0");
  const std::int64_t reset = std::stoll(refused.header("x-ratelimit-reset"));
  std::this_thread::sleep_until(Clock::time_point(std::chrono::seconds(reset)) +
                                std::chrono::milliseconds(50));
  EXPECT_EQ(http_.request("GET", "/api/v1/services", {}, client_key()).status, 200);
}

TEST_F(RateLimits, TheIncidentRoutesAnswer429InTheImasFormatWithTheHeaders) {
  // API keys have no incidents permission but an admin's (whose limit is its own).
  wait_for_window_start(4);
  for (int i = 0; i < 6; ++i) {
    const auto response = http_.request("GET", "/api/v1/incidents/", {},
                                        {{"Authorization", "Bearer limited-admin-key"}});
    ASSERT_EQ(response.status, 200) << i << ": " << response.body;
    EXPECT_EQ(response.header("x-ratelimit-remaining"), std::to_string(5 - i));
  }
  const auto refused = http_.request(
      "POST", "/api/v1/incidents/", R"({"title":"x"})",
      {{"Authorization", "Bearer limited-admin-key"}, {"Content-Type", "application/json"}});
  ASSERT_EQ(refused.status, 429) << refused.body;
  const auto body = parse_json(refused.body);
  EXPECT_STREQ(body["error"].GetString(), "Rate limit exceeded") << refused.body;
  EXPECT_GT(body["retry_after"].GetInt(), 0);
  EXPECT_EQ(refused.header("retry-after"), std::to_string(body["retry_after"].GetInt()));
  EXPECT_EQ(refused.header("x-ratelimit-limit"), "6");
  EXPECT_EQ(refused.header("x-ratelimit-remaining"), "0");
  EXPECT_GT(std::stoll(refused.header("x-ratelimit-reset")), now_epoch() - 1);
}

TEST_F(RateLimits, TwoApiProcessesShareOneBudget) {
  // A second API process on the same broker: each now enforces half of the limit.
  auto env = stack_->environment();
  env["API_PORT"] = std::to_string(free_port());
  ChildProcess second(build_dir() + "/switchyard-api", {}, env,
                      build_dir() + "/test-logs/rate_limits_e2e-api-2.log");
  HttpClient second_http("http://127.0.0.1:" + env["API_PORT"]);
  ASSERT_TRUE(eventually([&] { return second_http.request("GET", "/health").status == 200; }));

  // Peers are counted every 5 s; within a few windows the first process allows 3
  // of the 6 requests of a window, not 6.
  int allowed = 0;
  const bool halved = eventually(
      [&] {
        wait_for_window_start(4);
        allowed = 0;
        while (http_.request("GET", "/api/v1/services", {}, client_key()).status == 200) ++allowed;
        return allowed == 3;
      },
      std::chrono::seconds(30));
  EXPECT_TRUE(halved) << "the first process still allowed " << allowed << " of 6";
  // The rest of the deployment's budget is on the other process.
  EXPECT_EQ(second_http.request("GET", "/api/v1/services", {}, client_key()).status, 200);
}

}  // namespace
}  // namespace switchyard::testing
