// The live event stream end to end (docs/console.md "Live events"): the real api,
// listener and worker on the test servers, with the `system` service publishing
// its lifecycle events (publish_events: true, as a service must to appear live).
// SSE is read by a client written from the WHATWG format (tests/support/
// sse_client), the WebSocket by the xcore document's own JavaScript client run in
// Node (ws_client.js). Covered: delivery of task.completed to a subscription made
// before the task, the type and service filters, per-user visibility, resume
// with Last-Event-ID (exact replay, reset outside the window), a slow subscriber
// dropped while a fast one keeps receiving, user.login, refusals before
// streaming (401, 400), the connection cap (503), and the WebSocket's auth,
// subscribe, auth timeout and oversized frames.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <thread>

#include "amqp/connection.hpp"
#include "amqp/topology.hpp"
#include "repository_config.hpp"
#include "sse_client.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"

namespace switchyard::testing {
namespace {

constexpr char kPassword[] = "SecurePassword123!";
// Small enough that a reader that does not read overflows within a few events.
constexpr int kQueue = 5;
constexpr int kMaxConnections = 12;
constexpr char kIncidentService[] = "550e8400-e29b-41d4-a716-446655440000";

std::map<std::string, std::string> bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

std::vector<SseEvent> of_type(const std::vector<SseEvent>& events, const std::string& type) {
  std::vector<SseEvent> kept;
  for (const auto& event : events) {
    if (event.type == type) kept.push_back(event);
  }
  return kept;
}

// Whether an event's JSON data has "id": `id`.
bool about(const SseEvent& event, const std::string& id) {
  rapidjson::Document data;
  data.Parse(event.data.c_str());
  return data.IsObject() && data.HasMember("id") && data["id"].IsString() &&
         id == data["id"].GetString();
}

bool has_task(const std::vector<SseEvent>& events, const std::string& id) {
  for (const auto& event : events) {
    if (about(event, id)) return true;
  }
  return false;
}

// The queues bound to the events exchange, by destination name (management API).
std::vector<std::string> events_bindings(const std::string& broker_url) {
  const std::string vhost = broker_url.substr(broker_url.rfind('/') + 1);
  HttpClient management(test_management_url());
  const auto r = management.request("GET", "/api/exchanges/" + vhost + "/events/bindings/source");
  std::vector<std::string> queues;
  if (r.status != 200) return {"<management API: " + std::to_string(r.status) + ">"};
  const auto body = parse_json(r.body);
  for (const auto& binding : body.GetArray()) queues.push_back(binding["destination"].GetString());
  return queues;
}

bool only_the_listener(const std::vector<std::string>& queues) {
  for (const auto& queue : queues) {
    if (queue != "listener.events") return false;
  }
  return true;
}

class EventStream : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_ = new TempDir();
    config_->write("services.yaml", services_yaml_publishing_events("system"));
    config_->write("clients.yaml", clients_yaml_with_more_sign_ins());
    ws_port_ = free_port();
    stack_ = new TestStack({"event_stream_e2e",
                            1,
                            {{"SERVICES_CONFIG_FILE", (config_->path() / "services.yaml").string()},
                             {"CLIENTS_CONFIG_FILE", (config_->path() / "clients.yaml").string()},
                             {"WS_PORT", std::to_string(ws_port_)},
                             {"EVENT_STREAM_QUEUE", std::to_string(kQueue)},
                             {"EVENT_STREAM_MAX_CONNECTIONS", std::to_string(kMaxConnections)}}});
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    tx.exec_params0(
        "INSERT INTO incident_services (id, name, criticality) VALUES ($1, 'redis', "
        "'TIER_1_CRITICAL')",
        kIncidentService);
    tx.commit();
  }
  static void TearDownTestSuite() {
    delete stack_;
    delete config_;
  }

  std::unique_ptr<SseClient> subscribe(const std::string& query,
                                       std::map<std::string, std::string> headers,
                                       SseOptions options = {}) {
    auto client = std::make_unique<SseClient>(stack_->port(), "/api/v1/events/stream" + query,
                                              headers, options);
    if (options.read) {
      EXPECT_TRUE(client->wait_for_head());
      EXPECT_EQ(client->status(), 200) << client->head() << client->body();
    }
    return client;
  }
  static std::map<std::string, std::string> admin() { return bearer("dev-admin-key"); }

  std::string submit(const std::string& body, const std::map<std::string, std::string>& headers) {
    auto all = headers;
    all["Content-Type"] = "application/json";
    const auto response = client_.http().request("POST", "/api/v1/tasks", body, all);
    EXPECT_EQ(response.status, 202) << response.body;
    return response.status == 202 ? parse_json(response.body)["id"].GetString() : "";
  }
  std::string noop(const std::map<std::string, std::string>& headers = bearer("dev-admin-key")) {
    return submit(R"({"service":"system","action":"noop","payload":{"n":1}})", headers);
  }

  // A new plain user's token (role `user`: tasks:read, tasks:write).
  std::string plain_user(const std::string& email) {
    const auto registered = client_.http().request(
        "POST", "/auth/register",
        R"({"email":")" + email + R"(","password":")" + kPassword + R"(","full_name":"T"})",
        {{"Content-Type", "application/json"}});
    EXPECT_EQ(registered.status, 201) << registered.body;
    return login(email, kPassword);
  }
  std::string login(const std::string& user, const std::string& password) {
    const auto response = client_.http().request(
        "POST", "/auth/login", R"({"username":")" + user + R"(","password":")" + password + "\"}",
        {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 200) << response.body;
    return response.status == 200 ? parse_json(response.body)["access_token"].GetString() : "";
  }

  static TempDir* config_;
  static TestStack* stack_;
  static std::uint16_t ws_port_;
  TaskApiClient client_{stack_->base_url()};
};

TempDir* EventStream::config_ = nullptr;
TestStack* EventStream::stack_ = nullptr;
std::uint16_t EventStream::ws_port_ = 0;

TEST_F(EventStream, ATaskSubmittedAfterSubscribingArrivesAsTaskCompleted) {
  auto stream = subscribe("", admin());
  EXPECT_NE(stream->head().find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(stream->head().find("Cache-Control: no-store"), std::string::npos);
  const std::string id = noop();
  ASSERT_TRUE(stream->wait_for([&](const auto& events) {
    return has_task(of_type(events, "task.completed"), id);
  })) << stream->events().size()
      << " events";
  const auto events = stream->events();
  EXPECT_TRUE(has_task(of_type(events, "task.succeeded"), id));
  for (const auto& event : of_type(events, "task.completed")) {
    if (!about(event, id)) continue;
    const auto data = parse_json(event.data);
    EXPECT_STREQ(data["status"].GetString(), "succeeded");
    EXPECT_STREQ(data["service"].GetString(), "system");
    EXPECT_FALSE(event.id.empty());
  }
}

TEST_F(EventStream, FiltersByTypeAndService) {
  auto completed_only = subscribe("?types=task.completed", admin());
  auto by_prefix = subscribe("?types=task.*&service=system", admin());
  // user.login passes a service filter: it marks when this stream got every
  // event published before it.
  auto other_service = subscribe("?types=task.*,user.login&service=workflows", admin());
  const std::string id = noop();
  ASSERT_TRUE(completed_only->wait_for([&](const auto& e) { return has_task(e, id); }));
  ASSERT_TRUE(by_prefix->wait_for([&](const auto& e) {
    return has_task(of_type(e, "task.completed"), id) && has_task(of_type(e, "task.succeeded"), id);
  }));
  for (const auto& event : completed_only->events()) EXPECT_EQ(event.type, "task.completed");
  login("admin", "admin");
  ASSERT_TRUE(
      other_service->wait_for([](const auto& e) { return !of_type(e, "user.login").empty(); }));
  // The other service's subscriber was subscribed as long and saw none of it.
  EXPECT_FALSE(has_task(other_service->events(), id));
}

TEST_F(EventStream, APlainUserSeesOnlyItsOwnTasks) {
  const std::string alice = plain_user("stream-alice@example.com");
  const std::string bob = plain_user("stream-bob@example.com");
  auto alice_stream = subscribe("?types=task.completed", bearer(alice));
  auto bob_stream = subscribe("?types=task.completed", bearer(bob));
  auto admin_stream = subscribe("?types=task.completed", admin());
  const std::string alices = noop(bearer(alice));
  const std::string admins = noop();
  ASSERT_TRUE(admin_stream->wait_for(
      [&](const auto& e) { return has_task(e, alices) && has_task(e, admins); }));
  // Each then submits one more: a stream gets events in order, so once it has
  // its owner's later task it had every earlier event it would ever get.
  const std::string alices_later = noop(bearer(alice));
  const std::string bobs = noop(bearer(bob));
  ASSERT_TRUE(alice_stream->wait_for(
      [&](const auto& e) { return has_task(e, alices) && has_task(e, alices_later); }));
  ASSERT_TRUE(bob_stream->wait_for([&](const auto& e) { return has_task(e, bobs); }));
  EXPECT_FALSE(has_task(alice_stream->events(), admins));
  EXPECT_FALSE(has_task(alice_stream->events(), bobs));
  EXPECT_FALSE(has_task(bob_stream->events(), alices));
  EXPECT_FALSE(has_task(bob_stream->events(), admins));
}

TEST_F(EventStream, LastEventIdReplaysExactlyTheMissedEvents) {
  // Someone else keeps watching, so the process keeps consuming meanwhile.
  auto watcher = subscribe("", admin());
  std::string last_id;
  {
    auto first = subscribe("?types=task.completed", admin());
    const std::string seen = noop();
    ASSERT_TRUE(first->wait_for([&](const auto& e) { return has_task(e, seen); }));
    last_id = first->events().back().id;
  }
  std::vector<std::string> missed;
  for (int i = 0; i < 3; ++i) missed.push_back(noop());
  ASSERT_TRUE(watcher->wait_for([&](const auto& e) {
    const auto done = of_type(e, "task.completed");
    return has_task(done, missed[0]) && has_task(done, missed[1]) && has_task(done, missed[2]);
  }));
  auto resumed = subscribe("?types=task.completed",
                           {{"Authorization", "Bearer dev-admin-key"}, {"Last-Event-ID", last_id}});
  ASSERT_TRUE(resumed->wait_for([](const auto& e) { return e.size() >= 3; }));
  // Then live events follow; what came before the live one is the replay.
  const std::string live = noop();
  ASSERT_TRUE(resumed->wait_for([&](const auto& e) { return has_task(e, live); }));
  std::vector<SseEvent> replayed;
  for (const auto& event : resumed->events()) {
    if (about(event, live)) break;
    replayed.push_back(event);
  }
  ASSERT_EQ(replayed.size(), 3u);  // exactly the missed ones: not the one seen before
  for (std::size_t i = 0; i < replayed.size(); ++i) {
    EXPECT_EQ(replayed[i].type, "task.completed");
    EXPECT_GT(std::stoull(replayed[i].id), std::stoull(last_id));
  }
  std::set<std::string> replayed_tasks;
  for (const auto& event : replayed)
    replayed_tasks.insert(parse_json(event.data)["id"].GetString());
  EXPECT_EQ(replayed_tasks, std::set<std::string>(missed.begin(), missed.end()));

  // An id outside the window: reset first. One that is no number: 400.
  auto too_old = subscribe("?last_event_id=1", admin());
  ASSERT_TRUE(too_old->wait_for([](const auto& e) { return !e.empty(); }));
  EXPECT_EQ(too_old->events().front().type, "reset");
  SseClient bad(stack_->port(), "/api/v1/events/stream",
                {{"Authorization", "Bearer dev-admin-key"}, {"Last-Event-ID", "12ab"}});
  ASSERT_TRUE(bad.wait_for_head());
  EXPECT_EQ(bad.status(), 400) << bad.body();
}

TEST_F(EventStream, ASlowSubscriberIsDroppedWhileAFastOneKeepsReceiving) {
  auto fast = subscribe("?types=task.completed", admin());
  auto slow = subscribe("?types=task.completed", admin(), {.read = false});
  // Large events fill the slow reader's socket, then its queue (EVENT_STREAM_QUEUE
  // = 5). One at a time, so the fast reader never has more than one waiting.
  const std::string big(40000, 'x');
  constexpr int kTasks = 30;
  for (int i = 0; i < kTasks; ++i) {
    const std::string id =
        submit(R"({"service":"system","action":"noop","payload":{"pad":")" + big + "\"}}", admin());
    ASSERT_TRUE(fast->wait_for([&](const auto& e) { return has_task(e, id); }))
        << "the fast subscriber missed task " << i;
  }
  EXPECT_FALSE(fast->closed());
  slow->resume_reading();
  ASSERT_TRUE(eventually([&] { return slow->closed(); }, std::chrono::seconds(20)))
      << "the slow subscriber was not disconnected";
  EXPECT_LT(slow->events().size(), static_cast<std::size_t>(kTasks));
  EXPECT_NE(stack_->api().log().find("slow subscriber"), std::string::npos);
}

TEST_F(EventStream, UserLoginIsStreamedToWhoMayReadUsers) {
  auto stream = subscribe("?types=user.login", admin());
  login("admin", "admin");
  ASSERT_TRUE(stream->wait_for([](const auto& e) { return !e.empty(); }));
  const auto data = parse_json(stream->events().front().data);
  EXPECT_EQ(stream->events().front().type, "user.login");
  EXPECT_EQ(data["user_id"].GetInt64(), 1);
}

TEST_F(EventStream, IncidentChangesAreStreamedToWhoMayReadIncidents) {
  auto stream = subscribe("?types=incident.*", admin());
  // Role `user` holds incidents:read (registered users work incidents), not
  // users:read: it sees the incident, not the sign-in.
  const std::string plain = plain_user("stream-carol@example.com");
  auto plain_stream = subscribe("", bearer(plain));
  const auto created = client_.http().request(
      "POST", "/api/v1/incidents/",
      std::string(R"({"title":"Redis down","severity":"SEV1_CRITICAL","service":")") +
          kIncidentService + "\"}",
      admin_headers());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = parse_json(created.body)["id"].GetString();
  const auto acknowledged = client_.http().request(
      "POST", "/api/v1/incidents/" + id + "/acknowledge/", "{}", admin_headers());
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
  ASSERT_TRUE(stream->wait_for([&](const auto& e) {
    return has_task(of_type(e, "incident.created"), id) &&
           has_task(of_type(e, "incident.acknowledged"), id);
  })) << stream->events().size()
      << " events";
  for (const auto& event : of_type(stream->events(), "incident.created")) {
    const auto data = parse_json(event.data);
    EXPECT_STREQ(data["status"].GetString(), "TRIGGERED");
    EXPECT_STREQ(data["title"].GetString(), "Redis down");
  }
  login("admin", "admin");
  // The plain user's own task comes after: it got everything before it would get.
  const std::string own = noop(bearer(plain));
  ASSERT_TRUE(plain_stream->wait_for([&](const auto& e) { return has_task(e, own); }));
  EXPECT_TRUE(has_task(of_type(plain_stream->events(), "incident.created"), id));
  EXPECT_TRUE(of_type(plain_stream->events(), "user.login").empty());
}

TEST_F(EventStream, RefusesBeforeStreaming) {
  SseClient anonymous(stack_->port(), "/api/v1/events/stream", {});
  ASSERT_TRUE(anonymous.wait_for_head());
  EXPECT_EQ(anonymous.status(), 401);
  EXPECT_STREQ(parse_json(anonymous.body())["error"]["code"].GetString(), "AUTHENTICATION_ERROR")
      << anonymous.body();
  const std::string too_many_types = [] {
    std::string list;
    for (int i = 0; i < 40; ++i) list += "t" + std::to_string(i) + ",";
    return list;
  }();
  for (const std::string& query :
       {"?types=" + too_many_types, std::string("?types=task.%00"),
        std::string("?types=") + std::string(5000, 'a'), std::string("?types=Task%20Completed")}) {
    SseClient refused(stack_->port(), "/api/v1/events/stream" + query, admin());
    ASSERT_TRUE(refused.wait_for_head()) << query;
    EXPECT_EQ(refused.status(), 400) << query << " " << refused.body();
  }
  // The API still streams afterwards.
  auto stream = subscribe("?types=task.completed", admin());
  const std::string id = noop();
  EXPECT_TRUE(stream->wait_for([&](const auto& e) { return has_task(e, id); }));
}

// The WebSocket, driven by the document's JavaScript client in Node.
class WebSocketClient {
 public:
  WebSocketClient(const std::string& url, const std::string& token, const std::string& subscribe)
      : log_(build_dir() + "/test-logs/event_stream_ws_" + std::to_string(++count_) + ".log") {
    std::remove(log_.c_str());
    process_ = std::make_unique<ChildProcess>(
        "/usr/bin/node",
        std::vector<std::string>{"--experimental-websocket", "--no-warnings",
                                 source_dir() + "/tests/e2e/events/ws_client.js", url, token,
                                 subscribe},
        std::map<std::string, std::string>{}, log_);
  }
  // The JSON lines printed so far.
  std::vector<rapidjson::Document> messages() const {
    std::vector<rapidjson::Document> parsed;
    std::ifstream in(log_);
    std::string line;
    while (std::getline(in, line)) {
      rapidjson::Document doc;
      doc.Parse(line.c_str());
      if (!doc.HasParseError() && doc.IsObject()) parsed.push_back(std::move(doc));
    }
    return parsed;
  }
  bool wait_for(const std::function<bool(const rapidjson::Document&)>& match,
                std::chrono::milliseconds timeout = std::chrono::seconds(20)) const {
    return eventually(
        [&] {
          for (const auto& message : messages()) {
            if (match(message)) return true;
          }
          return false;
        },
        timeout);
  }
  std::string text() const { return read_all(log_); }

 private:
  static std::string read_all(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static inline int count_ = 0;
  std::string log_;
  std::unique_ptr<ChildProcess> process_;
};

bool is_type(const rapidjson::Document& m, const char* type) {
  return m.HasMember("type") && m["type"].IsString() && std::string(m["type"].GetString()) == type;
}

TEST_F(EventStream, TheDocumentsWebSocketClientReceivesEvents) {
  const std::string url = "ws://127.0.0.1:" + std::to_string(ws_port_) + "/ws";
  const std::string token = login("admin", "admin");
  WebSocketClient ws(url, "Bearer " + token, R"({"type":"subscribe","types":["task.completed"]})");
  ASSERT_TRUE(ws.wait_for([](const auto& m) { return is_type(m, "subscribed"); })) << ws.text();
  const std::string id = noop();
  ASSERT_TRUE(ws.wait_for([&](const auto& m) {
    return is_type(m, "task.completed") && m["data"].IsObject() && m["data"]["id"] == id.c_str() &&
           m["id"].IsUint64();
  })) << ws.text();
  for (const auto& m : ws.messages()) {
    EXPECT_FALSE(is_type(m, "task.succeeded")) << "the subscription asked for task.completed";
  }
}

TEST_F(EventStream, AWebSocketWithoutValidAuthIsClosed) {
  const std::string url = "ws://127.0.0.1:" + std::to_string(ws_port_) + "/ws";
  WebSocketClient wrong(url, "Bearer not-a-key", "-");
  ASSERT_TRUE(wrong.wait_for([](const auto& m) { return m.HasMember("closed"); })) << wrong.text();
  for (const auto& m : wrong.messages()) {
    if (m.HasMember("closed")) {
      EXPECT_EQ(m["closed"].GetInt(), 1008) << wrong.text();
    }
  }
  // No auth message at all: closed after the 10 s auth timeout.
  WebSocketClient silent(url, "-", "-");
  ASSERT_TRUE(silent.wait_for([](const auto& m) { return m.HasMember("closed"); },
                              std::chrono::seconds(20)))
      << silent.text();
  // A subscribe before auth is refused like a wrong token.
  WebSocketClient early(url, "-", R"({"type":"subscribe","types":["task.*"]})");
  ASSERT_TRUE(early.wait_for([](const auto& m) { return m.HasMember("closed"); })) << early.text();
}

TEST_F(EventStream, AnOversizedWebSocketFrameIsRefused) {
  const std::string url = "ws://127.0.0.1:" + std::to_string(ws_port_) + "/ws";
  const std::string huge = R"({"type":"subscribe","types":[")" + std::string(20000, 'a') + "\"]}";
  WebSocketClient ws(url, "Bearer dev-admin-key", huge);
  ASSERT_TRUE(ws.wait_for([](const auto& m) { return m.HasMember("closed"); })) << ws.text();
  for (const auto& m : ws.messages()) {
    if (m.HasMember("closed")) {
      EXPECT_EQ(m["closed"].GetInt(), 1009) << ws.text();
    }
  }
}

TEST_F(EventStream, NobodySubscribedMeansNoQueueOnTheEventsExchange) {
  const std::string broker = stack_->broker_url();
  // The tests before subscribed; their queue goes once the grace after the last left is over.
  ASSERT_TRUE(eventually([&] { return only_the_listener(events_bindings(broker)); }))
      << events_bindings(broker).size() << " bindings";
  {
    auto stream = subscribe("?types=task.completed", admin());
    EXPECT_TRUE(eventually([&] { return !only_the_listener(events_bindings(broker)); }))
        << "no queue for the subscriber";
    const std::string id = noop();
    EXPECT_TRUE(stream->wait_for([&](const auto& e) { return has_task(e, id); }));
  }
  EXPECT_TRUE(eventually([&] { return only_the_listener(events_bindings(broker)); }))
      << "the stream's queue outlived its last subscriber";
}

// The process's first subscriber starts the broker feed; the stream opens only once
// its queue is bound, so an event published as soon as the client sees the stream
// open reaches it. Published straight to the events exchange, the quickest way.
TEST_F(EventStream, TheFirstSubscriberMissesNothingPublishedOnceItsStreamIsOpen) {
  const std::string broker = stack_->broker_url();
  amqp::Connection publisher({broker, "event-stream-test"});
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE(eventually([&] { return only_the_listener(events_bindings(broker)); }))
        << "the feed of the streams before is still bound";
    auto stream = subscribe("?types=task.completed", admin());
    const std::string id = "first-" + std::to_string(round);
    publisher.publish(amqp::kEventsExchange, "task.completed",
                      R"({"id":")" + id + R"(","service":"system","status":"succeeded"})",
                      amqp::MessageProperties{});
    EXPECT_TRUE(stream->wait_for([&](const auto& events) { return has_task(events, id); }))
        << "round " << round << ": the event published once the stream was open is lost";
  }
}

// Last: it fills every place, and the server frees them as it sees the clients leave.
TEST_F(EventStream, ConnectionsPastTheCapAre503) {
  // The streams of the tests before are gone once the server saw their clients leave.
  std::vector<std::unique_ptr<SseClient>> held;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (held.size() < static_cast<std::size_t>(kMaxConnections)) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << held.size() << " streams held";
    auto next = std::make_unique<SseClient>(stack_->port(), "/api/v1/events/stream", admin());
    ASSERT_TRUE(next->wait_for_head());
    if (next->status() == 200) {
      held.push_back(std::move(next));
    } else {
      ASSERT_EQ(next->status(), 503);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  SseClient refused(stack_->port(), "/api/v1/events/stream", admin());
  ASSERT_TRUE(refused.wait_for_head());
  EXPECT_EQ(refused.status(), 503) << refused.body();
  held.pop_back();
  // A place freed: accepted again once the server saw the close.
  EXPECT_TRUE(eventually([&] {
    SseClient again(stack_->port(), "/api/v1/events/stream", admin());
    return again.wait_for_head() && again.status() == 200;
  }));
}

}  // namespace
}  // namespace switchyard::testing
