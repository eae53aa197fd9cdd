// The tracker's gRPC door end to end, with a client generated from
// api/tracker/grpc/proto: every served RPC of EventService, CatalogService and
// LockService against the real stack (API, listener, workers), the REST and gRPC
// views of the same rows compared message for message, and each error status
// the REST answers have a twin of (INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS,
// UNAUTHENTICATED, PERMISSION_DENIED, RESOURCE_EXHAUSTED, UNAVAILABLE), with
// API keys, a JWT and TRACKER_ANONYMOUS.
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "child_process.hpp"
#include "security/key_digest.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"
#include "tracker/catalog/v1alpha1/catalog.grpc.pb.h"
#include "tracker/event/v1alpha1/event.grpc.pb.h"
#include "tracker/lock/v1alpha1/lock.grpc.pb.h"

namespace switchyard::testing {
namespace {

namespace event_pb = ::tracker::event::v1alpha1;
namespace catalog_pb = ::tracker::catalog::v1alpha1;
namespace lock_pb = ::tracker::lock::v1alpha1;
using google::protobuf::util::MessageDifferencer;

// Ports the kernel hands out when the suite starts: a fixed one in the ephemeral
// range (58766 once) can be any client socket's local port at that moment, and
// the api then refuses to start ("Address already in use").
const std::string& grpc_port() {
  static const std::string port = std::to_string(free_port());
  return port;
}
const std::string& anonymous_grpc_port() {
  static const std::string port = std::to_string(free_port());
  return port;
}
constexpr const char* kAdmin = "Bearer dev-admin-key";
constexpr const char* kClientKey = "tracker-grpc-client-key";    // role client: no tracker rights
constexpr const char* kLimitedKey = "tracker-grpc-limited-key";  // admin, 5 calls an hour

std::string clients_yaml() {
  return std::string(R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
  - name: grpc-client
    sha256: )") +
         security::sha256_hex(kClientKey) + R"(
    role: client
    client: acme
  - name: grpc-limited
    sha256: )" +
         security::sha256_hex(kLimitedKey) + R"(
    role: admin
rate_limits:
  admin: {requests: 5, period_seconds: 3600}
)";
}

// `response` read from a REST answer: the same message the gRPC door answers.
template <class Message>
Message from_rest(const HttpResponse& response) {
  Message message;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // nextPageToken, REST's own addition
  const auto status = google::protobuf::util::JsonStringToMessage(response.body, &message, options);
  EXPECT_TRUE(status.ok()) << status.ToString() << " in " << response.body;
  return message;
}

template <class Message>
void expect_same(const Message& rest, const Message& grpc) {
  std::string difference;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  EXPECT_TRUE(differencer.Compare(rest, grpc)) << difference;
}

class TrackerGrpc : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_ = new TempDir();
    config_->write("clients.yaml", clients_yaml());
    stack_ =
        new TestStack({"tracker_grpc_e2e",
                       2,
                       {{"GRPC_PORT", grpc_port()},
                        {"CLIENTS_CONFIG_FILE", (config_->path() / "clients.yaml").string()}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete config_;
    config_ = nullptr;
  }

  // A call's context with these credentials ("" for none).
  static std::unique_ptr<grpc::ClientContext> as(const std::string& authorization = kAdmin) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!authorization.empty()) context->AddMetadata("authorization", authorization);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return context;
  }

  HttpResponse rest(const std::string& method, const std::string& path,
                    const std::string& body = {}) {
    return http_.request(method, path, body, admin_headers());
  }

  event_pb::Event create_event(const std::string& service, event_pb::Type type) {
    event_pb::CreateEventRequest request;
    request.set_title("Deploy " + service);
    request.mutable_attributes()->set_type(type);
    request.mutable_attributes()->set_service(service);
    event_pb::CreateEventResponse response;
    const auto status = events_->CreateEvent(as().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.event();
  }

  static TempDir* config_;
  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
  std::shared_ptr<grpc::Channel> channel_ =
      grpc::CreateChannel("127.0.0.1:" + grpc_port(), grpc::InsecureChannelCredentials());
  std::unique_ptr<event_pb::EventService::Stub> events_ = event_pb::EventService::NewStub(channel_);
  std::unique_ptr<catalog_pb::CatalogService::Stub> catalog_ =
      catalog_pb::CatalogService::NewStub(channel_);
  std::unique_ptr<lock_pb::LockService::Stub> locks_ = lock_pb::LockService::NewStub(channel_);
};

TempDir* TrackerGrpc::config_ = nullptr;
TestStack* TrackerGrpc::stack_ = nullptr;

TEST_F(TrackerGrpc, EventLifecycleMatchesTheRestViewOfTheSameRows) {
  event_pb::CreateEventRequest create;
  create.set_title("Deploy user-service v2.1.0 to production");
  create.set_slack_id("C024BE91L");
  auto* attributes = create.mutable_attributes();
  attributes->set_message("Deployed via GitHub Actions workflow");
  attributes->set_source("github_actions");
  attributes->set_type(event_pb::deployment);
  attributes->set_priority(event_pb::P2);
  attributes->set_service("user-service");
  attributes->set_status(event_pb::success);
  attributes->set_environment(event_pb::production);
  attributes->set_impact(true);
  attributes->mutable_start_date()->set_seconds(1705312800);  // 2024-01-15T10:00:00Z
  attributes->mutable_end_date()->set_seconds(1705313100);    // +300 s
  attributes->add_stake_holders("backend-team");
  attributes->add_stake_holders("ops-team");
  create.mutable_links()->set_ticket("PROJ-456");
  event_pb::CreateEventResponse created;
  const auto status = events_->CreateEvent(as().get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const event_pb::Event& event = created.event();
  const std::string id = event.metadata().id();
  EXPECT_EQ(event.attributes().priority(), event_pb::P2);
  EXPECT_EQ(event.attributes().stake_holders_size(), 2);
  EXPECT_EQ(event.metadata().duration().seconds(), 300);
  EXPECT_EQ(event.metadata().slack_id(), "C024BE91L");
  EXPECT_GT(event.metadata().created_at().seconds(), 1705312800);

  // Read-after-write through both doors, the same row in both.
  event_pb::GetEventRequest get;
  get.set_id(id);
  event_pb::GetEventResponse got;
  ASSERT_TRUE(events_->GetEvent(as().get(), get, &got).ok());
  expect_same(created.event(), got.event());
  expect_same(from_rest<event_pb::GetEventResponse>(rest("GET", "/api/v1alpha1/event/" + id)), got);

  // Update: the fields set change, the rest stays.
  event_pb::UpdateEventRequest update;
  update.set_id(id);
  update.mutable_attributes()->set_status(event_pb::failure);
  update.mutable_attributes()->mutable_end_date()->set_seconds(1705313400);
  event_pb::UpdateEventResponse updated;
  ASSERT_TRUE(events_->UpdateEvent(as().get(), update, &updated).ok());
  EXPECT_EQ(updated.event().attributes().status(), event_pb::failure);
  EXPECT_EQ(updated.event().attributes().service(), "user-service");
  EXPECT_EQ(updated.event().metadata().duration().seconds(), 600);
  expect_same(
      from_rest<event_pb::GetEventResponse>(rest("GET", "/api/v1alpha1/event/" + id)).event(),
      updated.event());

  event_pb::DeleteEventRequest remove;
  remove.set_id(id);
  remove.set_slack_id("C024BE91L");
  event_pb::DeleteEventResponse removed;
  ASSERT_TRUE(events_->DeleteEvents(as().get(), remove, &removed).ok());
  EXPECT_EQ(removed.id(), id);
  EXPECT_EQ(removed.slack_id(), "C024BE91L");
  EXPECT_EQ(events_->GetEvent(as().get(), get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(rest("GET", "/api/v1alpha1/event/" + id).status, 404);
  EXPECT_EQ(events_->DeleteEvents(as().get(), remove, &removed).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(TrackerGrpc, ListTodayAndSearchAgreeWithRest) {
  const event_pb::Event drift = create_event("grpc-search-a", event_pb::drift);
  create_event("grpc-search-a", event_pb::incident);
  create_event("grpc-search-b", event_pb::drift);

  event_pb::ListEventsRequest list;
  list.mutable_per_page()->set_value(2);
  list.mutable_page()->set_value(1);
  event_pb::ListEventsResponse listed;
  ASSERT_TRUE(events_->ListEvents(as().get(), list, &listed).ok());
  EXPECT_EQ(listed.events_size(), 2);
  EXPECT_GE(listed.total_count(), 3u);
  expect_same(from_rest<event_pb::ListEventsResponse>(
                  rest("GET", "/api/v1alpha1/events/list?per_page=2&page=1")),
              listed);

  event_pb::TodayEventsRequest today;
  event_pb::TodayEventsResponse todays;
  ASSERT_TRUE(events_->TodayEvents(as().get(), today, &todays).ok());
  EXPECT_GE(todays.total_count(), 3u);
  expect_same(from_rest<event_pb::TodayEventsResponse>(rest("GET", "/api/v1alpha1/events/today")),
              todays);

  event_pb::SearchEventsRequest search;
  search.set_service("grpc-search-a");
  search.set_type(event_pb::drift);
  event_pb::SearchEventsResponse found;
  ASSERT_TRUE(events_->SearchEvents(as().get(), search, &found).ok());
  ASSERT_EQ(found.events_size(), 1);
  EXPECT_EQ(found.total_count(), 1u);
  EXPECT_EQ(found.events(0).metadata().id(), drift.metadata().id());
  expect_same(
      from_rest<event_pb::SearchEventsResponse>(rest(
          "GET", "/api/v1alpha1/events/search?service=grpc-search-a&type=drift&per_page=1000")),
      found);

  list.mutable_per_page()->set_value(1001);
  EXPECT_EQ(events_->ListEvents(as().get(), list, &listed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  search.set_start_date("yesterday");
  EXPECT_EQ(events_->SearchEvents(as().get(), search, &found).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TrackerGrpc, CatalogPutGetListDeleteMatchesRest) {
  catalog_pb::CreateUpdateCatalogRequest put;
  put.set_name("grpc-user-service");
  put.set_type(catalog_pb::module);
  put.set_languages(catalog_pb::golang);
  put.set_owner("platform-team");
  put.set_version("1.4.2");
  put.add_dependencies_in("auth-service");
  put.mutable_sla()->set_level(catalog_pb::high);
  put.mutable_sla()->mutable_uptime_percentage()->set_value(99.9);
  put.mutable_sla()->mutable_response_time_ms()->set_value(200);
  catalog_pb::CreateUpdateCatalogResponse stored;
  const auto status = catalog_->CreateUpdateCatalog(as().get(), put, &stored);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(stored.catalog().languages(), catalog_pb::golang);
  EXPECT_DOUBLE_EQ(stored.catalog().sla().uptime_percentage().value(), 99.9);
  EXPECT_GT(stored.catalog().updated_at().seconds(), 0);

  catalog_pb::GetCatalogRequest get;
  get.set_name("grpc-user-service");
  catalog_pb::GetCatalogResponse got;
  ASSERT_TRUE(catalog_->GetCatalog(as().get(), get, &got).ok());
  expect_same(stored.catalog(), got.catalog());
  expect_same(from_rest<catalog_pb::GetCatalogResponse>(
                  rest("GET", "/api/v1alpha1/catalog?name=grpc-user-service")),
              got);

  catalog_pb::ListCatalogsRequest list;
  catalog_pb::ListCatalogsResponse listed;
  ASSERT_TRUE(catalog_->ListCatalogs(as().get(), list, &listed).ok());
  EXPECT_GE(listed.total_count(), 1u);
  expect_same(
      from_rest<catalog_pb::ListCatalogsResponse>(rest("GET", "/api/v1alpha1/catalogs/list")),
      listed);

  catalog_pb::DeleteCatalogRequest remove;
  remove.set_name("grpc-user-service");
  catalog_pb::DeleteCatalogResponse removed;
  ASSERT_TRUE(catalog_->DeleteCatalog(as().get(), remove, &removed).ok());
  EXPECT_EQ(removed.message(), "catalog entry deleted");
  EXPECT_EQ(removed.name(), "grpc-user-service");
  EXPECT_EQ(catalog_->GetCatalog(as().get(), get, &got).error_code(), grpc::StatusCode::NOT_FOUND);

  catalog_pb::CreateUpdateCatalogRequest nameless;
  nameless.set_type(catalog_pb::chart);
  const auto refused = catalog_->CreateUpdateCatalog(as().get(), nameless, &stored);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error_message(), "name: is required");
}

TEST_F(TrackerGrpc, LockTakeConflictGetUnlockList) {
  lock_pb::CreateLockRequest take;
  take.set_service("grpc-production-deployment");
  take.set_who("ci-pipeline-123");
  take.set_environment("production");
  take.set_resource("deployment");
  lock_pb::CreateLockResponse taken;
  const auto status = locks_->CreateLock(as().get(), take, &taken);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string id = taken.lock().id();
  EXPECT_EQ(taken.lock().who(), "ci-pipeline-123");

  take.set_who("someone-else");
  lock_pb::CreateLockResponse refused;
  const auto conflict = locks_->CreateLock(as().get(), take, &refused);
  EXPECT_EQ(conflict.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(conflict.error_message(),
            "service grpc-production-deployment is already locked by ci-pipeline-123");
  // The same take over REST is refused alike: one holder, whatever the door.
  EXPECT_EQ(
      rest("POST", "/api/v1alpha1/lock", R"({"service":"grpc-production-deployment","who":"rest"})")
          .status,
      409);

  lock_pb::GetLockRequest get;
  get.set_id(id);
  lock_pb::GetLockResponse got;
  ASSERT_TRUE(locks_->GetLock(as().get(), get, &got).ok());
  expect_same(taken.lock(), got.lock());
  expect_same(from_rest<lock_pb::GetLockResponse>(rest("GET", "/api/v1alpha1/lock/" + id)), got);

  lock_pb::ListLocksRequest list;
  lock_pb::ListLocksResponse listed;
  ASSERT_TRUE(locks_->ListLocks(as().get(), list, &listed).ok());
  EXPECT_GE(listed.total_count(), 1u);
  expect_same(from_rest<lock_pb::ListLocksResponse>(rest("GET", "/api/v1alpha1/locks/list")),
              listed);

  lock_pb::UnLockRequest unlock;
  unlock.set_id(id);
  lock_pb::UnLockResponse released;
  ASSERT_TRUE(locks_->UnLock(as().get(), unlock, &released).ok());
  EXPECT_EQ(released.message(), "lock released");
  EXPECT_EQ(released.id(), id);
  EXPECT_EQ(released.count(), 1);
  EXPECT_EQ(locks_->UnLock(as().get(), unlock, &released).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(locks_->GetLock(as().get(), get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  get.set_id("not-a-uuid");
  EXPECT_EQ(locks_->GetLock(as().get(), get, &got).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TrackerGrpc, InvalidInputIsInvalidArgumentNamingTheField) {
  event_pb::CreateEventRequest untitled;
  untitled.mutable_attributes()->set_type(event_pb::deployment);
  untitled.mutable_attributes()->set_service("s");
  event_pb::CreateEventResponse response;
  auto status = events_->CreateEvent(as().get(), untitled, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "title: is required");

  event_pb::CreateEventRequest unknown_type;
  unknown_type.set_title("t");
  unknown_type.mutable_attributes()->set_type(static_cast<event_pb::Type>(42));
  unknown_type.mutable_attributes()->set_service("s");
  status = events_->CreateEvent(as().get(), unknown_type, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("attributes.type: must be one of deployment", 0), 0u)
      << status.error_message();

  event_pb::GetEventRequest get;
  get.set_id("not-a-uuid");
  event_pb::GetEventResponse got;
  EXPECT_EQ(events_->GetEvent(as().get(), get, &got).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TrackerGrpc, CredentialsPermissionsAndRateLimitsAreTheRestOnes) {
  event_pb::ListEventsRequest list;
  event_pb::ListEventsResponse listed;
  EXPECT_EQ(events_->ListEvents(as("").get(), list, &listed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(events_->ListEvents(as("Bearer no-such-key").get(), list, &listed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::string client = std::string("Bearer ") + kClientKey;
  EXPECT_EQ(events_->ListEvents(as(client).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A JWT from POST /auth/login works as on REST.
  const auto login =
      http_.request("POST", "/auth/login", R"({"username":"admin","password":"admin"})",
                    {{"Content-Type", "application/json"}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string jwt = parse_json(login.body)["access_token"].GetString();
  EXPECT_TRUE(events_->ListEvents(as("Bearer " + jwt).get(), list, &listed).ok());

  // The admin limit of this stack is 5 calls an hour: the sixth is refused, with
  // the limit in the initial metadata.
  const std::string limited = std::string("Bearer ") + kLimitedKey;
  for (int i = 0; i < 5; ++i) {
    auto context = as(limited);
    ASSERT_TRUE(events_->ListEvents(context.get(), list, &listed).ok()) << i;
    const auto& metadata = context->GetServerInitialMetadata();
    const auto it = metadata.find("x-ratelimit-limit");
    ASSERT_NE(it, metadata.end());
    EXPECT_EQ(std::string(it->second.data(), it->second.size()), "5");
  }
  EXPECT_EQ(events_->ListEvents(as(limited).get(), list, &listed).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(TrackerGrpc, TrackerAnonymousOpensTheGrpcDoorAsTheRestOne) {
  auto env = stack_->environment();
  env["API_PORT"] = std::to_string(free_port());
  env["GRPC_PORT"] = anonymous_grpc_port();
  env["TRACKER_ANONYMOUS"] = "read";
  ChildProcess api(build_dir() + "/switchyard-api", {}, env,
                   build_dir() + "/test-logs/tracker_grpc_e2e-api-anon.log");
  HttpClient open("http://127.0.0.1:" + env["API_PORT"]);
  ASSERT_TRUE(eventually([&] { return open.request("GET", "/health").status == 200; }));
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + anonymous_grpc_port(), grpc::InsecureChannelCredentials());
  auto events = event_pb::EventService::NewStub(channel);
  event_pb::ListEventsRequest list;
  event_pb::ListEventsResponse listed;
  const auto read = events->ListEvents(as("").get(), list, &listed);
  EXPECT_TRUE(read.ok()) << read.error_message();
  event_pb::CreateEventRequest create;
  event_pb::CreateEventResponse created;
  EXPECT_EQ(events->CreateEvent(as("").get(), create, &created).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

// Last: it stops the test broker.
TEST_F(TrackerGrpc, AWriteWithTheBrokerDownIsUnavailable) {
  ASSERT_TRUE(run_test_servers("stop-broker"));
  event_pb::CreateEventRequest create;
  create.set_title("t");
  create.mutable_attributes()->set_type(event_pb::deployment);
  create.mutable_attributes()->set_service("grpc-outage");
  event_pb::CreateEventResponse created;
  auto context = as();
  const auto status = events_->CreateEvent(context.get(), create, &created);
  ASSERT_TRUE(run_test_servers("start-broker"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_EQ(context->GetServerTrailingMetadata().count("retry-after"), 1u);
  // Writes come back with the broker.
  EXPECT_TRUE(eventually(
      [&] {
        event_pb::CreateEventResponse again;
        return events_->CreateEvent(as().get(), create, &again).ok();
      },
      std::chrono::seconds(60)));
}

}  // namespace
}  // namespace switchyard::testing
