// Completion callbacks end to end (docs/callbacks.md): the real api, listener and
// worker on the test servers, and a recording HTTP server as the client's
// endpoint. The listener POSTs the final task, signed as documented (the test
// checks the signature with its own HMAC), tries again after a failing answer,
// and shows the delivery on the task; a pending callback waits in the database
// for the next listener. With CALLBACK_ALLOW_PRIVATE=false,
// addresses on this machine or a private network are refused at submission.
#include <gtest/gtest.h>
#include <sodium.h>

#include <map>
#include <vector>

#include "config/clients_config.hpp"
#include "recording_server.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

// HMAC-SHA256 over "<timestamp>.<body>", hex: written here from the documented
// recipe, not taken from the code under test.
std::string expected_signature(const std::string& secret, const std::string& timestamp,
                               const std::string& body) {
  const std::string message = timestamp + "." + body;
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "sha256=" + std::string(hex);
}

std::string task_with_callback(const std::string& url) {
  return R"({"service":"system","action":"noop","callback_url":")" + url + R"("})";
}

// The task's callback state once `state` (a null document and a failure otherwise).
rapidjson::Document callback_reaching(TaskApiClient& client, const std::string& id,
                                      const std::string& state) {
  rapidjson::Document task;
  std::string last;
  const bool reached = eventually([&] {
    last = client.get("/api/v1/tasks/" + id).body;
    task.Parse(last.c_str());
    return task.IsObject() && task.HasMember("callback") && task["callback"].IsObject() &&
           state == task["callback"]["state"].GetString();
  });
  if (!reached) {
    ADD_FAILURE() << "the callback of " << id << " never reached " << state << ": " << last;
    task.SetNull();
  }
  return task;
}

TEST(Callbacks, TheFinalTaskIsPostedSignedWithTheClientSecret) {
  RecordingServer endpoint("callbacks_signed_e2e");
  TestStack stack({"callbacks_signed_e2e", 1, {}});
  TaskApiClient client(stack.base_url());
  const std::string id = client.submit_id(task_with_callback(endpoint.url() + "/notify/signed"));
  const auto task = callback_reaching(client, id, "delivered");
  ASSERT_TRUE(task.IsObject());
  EXPECT_EQ(task["callback"]["attempts"].GetInt(), 1);
  EXPECT_EQ(task["callback"]["last_status"].GetInt(), 202);
  EXPECT_TRUE(task["callback"]["delivered_at"].IsString());

  const auto calls = endpoint.calls_to("/notify/signed");
  ASSERT_EQ(calls.size(), 1U);
  const RecordedCall& call = calls[0];
  EXPECT_EQ(call.method, "POST");
  const std::string timestamp = call.header("x-switchyard-timestamp");
  ASSERT_FALSE(timestamp.empty());
  EXPECT_EQ(call.header("x-switchyard-signature"),
            expected_signature(std::string(config::CallbackSettings::kDevelopmentSecret), timestamp,
                               call.body));
  EXPECT_NE(call.header("x-switchyard-signature"),
            expected_signature("another secret of enough length", timestamp, call.body));
  const auto body = parse_json(call.body);
  EXPECT_STREQ(body["id"].GetString(), id.c_str());
  EXPECT_STREQ(body["status"].GetString(), "succeeded");
}

TEST(Callbacks, AFailingAnswerIsTriedAgainAndTheDeliveryShowsOnTheTask) {
  RecordingServer endpoint("callbacks_retry_e2e");
  endpoint.answer_next("/notify/retry", 500, R"({"error":"try later"})");
  TestStack stack({"callbacks_retry_e2e", 1, {}});
  TaskApiClient client(stack.base_url());
  const std::string id = client.submit_id(task_with_callback(endpoint.url() + "/notify/retry"));
  const auto task = callback_reaching(client, id, "delivered");
  ASSERT_TRUE(task.IsObject());
  EXPECT_EQ(task["callback"]["attempts"].GetInt(), 2);
  EXPECT_EQ(task["callback"]["last_status"].GetInt(), 202);
  const auto calls = endpoint.calls_to("/notify/retry");
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[0].header("x-switchyard-delivery-attempt"), "1");
  EXPECT_EQ(calls[1].header("x-switchyard-delivery-attempt"), "2");
  EXPECT_STREQ(parse_json(calls[1].body)["status"].GetString(), "succeeded");

  HttpClient scrape("http://127.0.0.1:" + std::to_string(stack.metrics_port("listener")));
  const std::string metrics = scrape.request("GET", "/metrics", "", {}).body;
  EXPECT_NE(metrics.find("switchyard_callbacks_total{outcome=\"failed\"} 1\n"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("switchyard_callbacks_total{outcome=\"delivered\"} 1\n"),
            std::string::npos);
  EXPECT_NE(metrics.find("switchyard_callbacks_total{outcome=\"given_up\"} 0\n"),
            std::string::npos);
}

TEST(Callbacks, APendingCallbackLivesInTheDatabaseAndTheNextListenerDeliversIt) {
  RecordingServer endpoint("callbacks_restart_e2e");
  TestStack stack({"callbacks_restart_e2e", 1, {}});
  TaskApiClient client(stack.base_url());
  stack.listener().kill9();
  const std::string id = client.submit_id(task_with_callback(endpoint.url() + "/notify/later"));
  // The worker records the final state itself, and with it the pending callback.
  ASSERT_TRUE(client.reaches(id, "succeeded"));
  EXPECT_TRUE(callback_reaching(client, id, "pending").IsObject());
  EXPECT_TRUE(endpoint.calls_to("/notify/later").empty());
  auto listener = stack.start_process("switchyard-listener", "listener-2");
  EXPECT_TRUE(callback_reaching(client, id, "delivered").IsObject());
  EXPECT_EQ(endpoint.calls_to("/notify/later").size(), 1U);
}

// CALLBACK_GIVE_UP_SECONDS=3 stands for the hour: attempts after 0, 1 and 3 s
// (the next, 4 s later, would pass it), then given up, with the last answer.
TEST(Callbacks, AnEndpointThatKeepsFailingIsGivenUpAfterTheRetryPeriod) {
  RecordingServer endpoint("callbacks_give_up_e2e");
  endpoint.answer_next("/notify/down", 503, R"({"error":"down"})", 100);
  TestStack stack({"callbacks_give_up_e2e", 1, {{"CALLBACK_GIVE_UP_SECONDS", "3"}}});
  TaskApiClient client(stack.base_url());
  const std::string id = client.submit_id(task_with_callback(endpoint.url() + "/notify/down"));
  const auto task = callback_reaching(client, id, "given_up");
  ASSERT_TRUE(task.IsObject());
  const int attempts = task["callback"]["attempts"].GetInt();
  EXPECT_GE(attempts, 2) << "tried again before giving up";
  EXPECT_LE(attempts, 4) << "given up after about 3 s, not an hour";
  EXPECT_EQ(task["callback"]["last_status"].GetInt(), 503);
  EXPECT_TRUE(task["callback"]["delivered_at"].IsNull());
  EXPECT_EQ(endpoint.calls_to("/notify/down").size(), static_cast<std::size_t>(attempts));

  HttpClient scrape("http://127.0.0.1:" + std::to_string(stack.metrics_port("listener")));
  EXPECT_TRUE(eventually([&] {
    return scrape.request("GET", "/metrics", "", {})
               .body.find("switchyard_callbacks_total{outcome=\"given_up\"} 1\n") !=
           std::string::npos;
  }));
}

// Two listeners, each with its delivery threads, over one database: every
// callback is claimed by one of them and posted once.
TEST(Callbacks, WithTwoListenersEachCallbackIsDeliveredOnce) {
  RecordingServer endpoint("callbacks_two_e2e");
  TestStack stack({"callbacks_two_e2e", 1, {}});
  auto second = stack.start_process("switchyard-listener", "listener-2");
  TaskApiClient client(stack.base_url());
  constexpr int kTasks = 40;
  std::vector<std::string> ids;
  for (int i = 0; i < kTasks; ++i) {
    ids.push_back(client.submit_id(
        task_with_callback(endpoint.url() + "/notify/twice/" + std::to_string(i))));
    ASSERT_FALSE(ids.back().empty());
  }
  for (const auto& id : ids) ASSERT_TRUE(callback_reaching(client, id, "delivered").IsObject());
  std::map<std::string, int> posts;
  for (const auto& call : endpoint.calls()) ++posts[call.header("x-switchyard-task-id")];
  EXPECT_EQ(posts.size(), static_cast<std::size_t>(kTasks));
  for (const auto& id : ids) EXPECT_EQ(posts[id], 1) << id;
  // The listeners' own counts agree: between them, one delivery per callback.
  HttpClient first_metrics("http://127.0.0.1:" + std::to_string(stack.metrics_port("listener")));
  HttpClient second_metrics("http://127.0.0.1:" + std::to_string(stack.metrics_port("listener-2")));
  const auto delivered = [](HttpClient& scrape) {
    const std::string body = scrape.request("GET", "/metrics", "", {}).body;
    const std::string key = "switchyard_callbacks_total{outcome=\"delivered\"} ";
    const auto at = body.find(key);
    return at == std::string::npos ? -1 : std::stoi(body.substr(at + key.size()));
  };
  const int by_first = delivered(first_metrics);
  const int by_second = delivered(second_metrics);
  EXPECT_EQ(by_first + by_second, kTasks) << by_first << " + " << by_second;
}

TEST(Callbacks, PrivateAddressesAreRefusedAtSubmissionUnlessAllowed) {
  TestStack stack({"callbacks_private_e2e", 1, {{"CALLBACK_ALLOW_PRIVATE", "false"}}});
  TaskApiClient client(stack.base_url());
  for (const std::string url :
       {"http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/hook",
        "http://[::1]/hook", "http://169.254.169.254/latest", "ftp://example.com/hook",
        "http://user:pw@example.com/hook", "http://exa mple.com/"}) {
    const auto response = client.submit(task_with_callback(url));
    EXPECT_EQ(response.status, 400) << url << ": " << response.body;
    EXPECT_NE(response.body.find(R"("field":"callback_url")"), std::string::npos)
        << url << ": " << response.body;
  }
  const auto too_long =
      client.submit(task_with_callback("https://example.com/" + std::string(3000, 'a')));
  EXPECT_EQ(too_long.status, 400) << too_long.body;
}

}  // namespace
}  // namespace switchyard::testing
