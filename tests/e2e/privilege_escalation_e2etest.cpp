// Hostile callers end to end (docs/security.md, "Escalation rules" and "Rate
// limiting"): holders of users:write, roles:write or api_keys:write trying to make
// themselves admin, the last admin being taken away, tracker writes and locks of
// others, other callers' dead letters, email-shaped usernames, key guessing
// through badges, spoofed X-Forwarded-For, password guessing per account, task
// limits, /health's details, refresh chains and IMAS tokens after a password change.
//
// The stack trusts X-Forwarded-For from 127.0.0.1 (TRUSTED_PROXIES), so each test
// speaks for the client address it needs, and keeps its per-IP budgets apart.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "child_process.hpp"
#include "security/jwt_codec.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;

constexpr const char* kJwtSecret = "privilege-escalation-e2e-secret-0123456789";
constexpr const char* kPassword = "SecurePassword123!";

// Small per-IP and per-account budgets, so that the limits show within a test;
// sign-ins themselves are not what is limited here.
constexpr const char* kClientsYaml = R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
rate_limits:
  auth: {requests: 100000, period_seconds: 60}
  unauthenticated: {requests: 5, period_seconds: 3600}
  failed_logins: {requests: 3, period_seconds: 3600}
  anonymous_writes: {requests: 3, period_seconds: 3600}
)";

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Account {
  std::int64_t id = 0;
  std::string token;
};

class PrivilegeEscalation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kClientsYaml);
    stack_ =
        new TestStack({"privilege_escalation_e2e",
                       2,  // two workers: concurrent identity writes really run side by side
                       {{"JWT_SECRET", kJwtSecret},
                        {"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()},
                        {"TRUSTED_PROXIES", "127.0.0.1/32, ::1"},
                        {"TRACKER_ANONYMOUS", "read-write"},
                        {"TRACKER_ANONYMOUS_FROM", "198.51.100.0/24"},
                        {"JWT_REFRESH_MAX_AGE_SECONDS", "60"},
                        // The API's snapshot stays as it was unless this API makes the change
                        // itself: the worker's own check is then the only one that sees SQL edits.
                        {"IDENTITY_REFRESH_MS", "60000"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete config_dir_;
    config_dir_ = nullptr;
  }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = {}, Headers headers = {}) {
    if (!body.empty() && !headers.count("Content-Type")) {
      headers["Content-Type"] = "application/json";
    }
    return http_.request(method, path, body, headers);
  }
  static Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  static Headers from(const std::string& ip, Headers headers = {}) {
    headers["X-Forwarded-For"] = ip;
    return headers;
  }
  static std::string error_code(const HttpResponse& response) {
    const auto doc = parse_json(response.body);
    return doc.HasMember("error") && doc["error"].IsObject() ? doc["error"]["code"].GetString()
                                                             : "";
  }
  static int grpc_code(const HttpResponse& response) {
    const auto doc = parse_json(response.body);
    return doc.HasMember("code") ? doc["code"].GetInt() : -1;
  }

  Account register_user(const std::string& email) {
    const auto reg =
        call("POST", "/auth/register",
             R"({"email":")" + email + R"(","password":")" + kPassword + R"(","full_name":"T"})");
    EXPECT_EQ(reg.status, 201) << reg.body;
    if (reg.status != 201) return {};
    return {parse_json(reg.body)["id"].GetInt64(), login(email, kPassword)};
  }
  std::string login(const std::string& user, const std::string& password) {
    const auto response = call("POST", "/auth/login",
                               R"({"username":")" + user + R"(","password":")" + password + "\"}");
    EXPECT_EQ(response.status, 200) << response.body;
    if (response.status != 200) return "";
    return parse_json(response.body)["access_token"].GetString();
  }
  std::int64_t role_id(const std::string& name) {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    return tx.exec_params1("SELECT id FROM roles WHERE name = $1", name)[0].as<std::int64_t>();
  }
  std::int64_t create_role(const std::string& name, const std::string& permissions_json) {
    const auto created = call(
        "POST", "/admin/roles",
        R"({"name":")" + name + R"(","permissions":)" + permissions_json + "}", admin_headers());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.status == 201 ? parse_json(created.body)["id"].GetInt64() : 0;
  }
  void grant(std::int64_t user_id, std::int64_t role) {
    const auto granted =
        call("POST", user_path(user_id) + "/roles/" + std::to_string(role), {}, admin_headers());
    ASSERT_EQ(granted.status, 200) << granted.body;
  }
  static std::string user_path(std::int64_t user_id) {
    return "/admin/users/" + std::to_string(user_id);
  }
  // Identity tasks of `action` in the ledger: a write refused by the API before
  // publishing leaves the count as it was.
  int identity_tasks(const std::string& action) {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    return tx
        .exec_params1("SELECT count(*) FROM tasks WHERE service = 'identity' AND action = $1",
                      action)[0]
        .as<int>();
  }
  std::set<std::string> permissions_of(const std::string& token) {
    std::set<std::string> names;
    const auto me = parse_json(call("GET", "/auth/me", {}, bearer(token)).body);
    for (const auto& p : me["permissions"].GetArray()) names.insert(p.GetString());
    return names;
  }
  std::set<std::string> roles_of(const std::string& token) {
    std::set<std::string> names;
    const auto me = parse_json(call("GET", "/auth/me", {}, bearer(token)).body);
    for (const auto& r : me["roles"].GetArray()) names.insert(r.GetString());
    return names;
  }
  std::int64_t admin_user_id() {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    return tx.exec1("SELECT id FROM users WHERE username = 'admin'")[0].as<std::int64_t>();
  }

  static TempDir* config_dir_;
  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
};

TempDir* PrivilegeEscalation::config_dir_ = nullptr;
TestStack* PrivilegeEscalation::stack_ = nullptr;

TEST_F(PrivilegeEscalation, AUsersWriteHolderCannotGrantAdminOrRightsItLacks) {
  const std::int64_t admin_role = role_id("admin");
  const std::int64_t manager = create_role("user_manager", R"(["users:read","users:write"])");
  const Account mallory = register_user("mallory@example.com");
  grant(mallory.id, manager);
  const Headers m = bearer(mallory.token);

  // Herself admin: refused by the API, before anything is published.
  const int published = identity_tasks("assign_role");
  const auto self_admin =
      call("POST", user_path(mallory.id) + "/roles/" + std::to_string(admin_role), {}, m);
  EXPECT_EQ(self_admin.status, 403) << self_admin.body;
  EXPECT_EQ(error_code(self_admin), "AUTHORIZATION_ERROR");
  EXPECT_NE(self_admin.body.find("Only an admin may grant the role admin"), std::string::npos);
  EXPECT_EQ(identity_tasks("assign_role"), published);

  // A role holding a permission she lacks, to herself or to an accomplice.
  const std::int64_t ops = create_role("ops_viewer", R"(["workers:read"])");
  const Account accomplice = register_user("accomplice@example.com");
  for (const std::int64_t target : {mallory.id, accomplice.id}) {
    const auto refused = call("POST", user_path(target) + "/roles/" + std::to_string(ops), {}, m);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.body.find("workers:read"), std::string::npos) << refused.body;
  }
  // A role whose permissions she holds is hers to give.
  const std::int64_t readers = create_role("user_reader", R"(["users:read"])");
  EXPECT_EQ(
      call("POST", user_path(accomplice.id) + "/roles/" + std::to_string(readers), {}, m).status,
      200);

  // Admins are not hers to deactivate or demote.
  const std::int64_t admin_id = admin_user_id();
  EXPECT_EQ(call("POST", user_path(admin_id) + "/deactivate", {}, m).status, 403);
  EXPECT_EQ(
      call("DELETE", user_path(admin_id) + "/roles/" + std::to_string(admin_role), {}, m).status,
      403);

  EXPECT_EQ(roles_of(mallory.token), (std::set<std::string>{"user", "user_manager"}));
  EXPECT_FALSE(permissions_of(mallory.token).count("workers:read"));
  EXPECT_EQ(roles_of(accomplice.token), (std::set<std::string>{"user", "user_reader"}));
}

TEST_F(PrivilegeEscalation, ARolesWriteHolderCannotAddPermissionsItLacks) {
  const std::int64_t editor = create_role("role_editor", R"(["roles:read","roles:write"])");
  const Account rory = register_user("rory@example.com");
  grant(rory.id, editor);
  const Headers r = bearer(rory.token);
  const std::string editor_path = "/admin/roles/" + std::to_string(editor);

  // Users:write into the role he holds: refused, and the role is unchanged.
  const int published = identity_tasks("update_role");
  const auto widened =
      call("PUT", editor_path, R"({"permissions":["roles:read","roles:write","users:write"]})", r);
  EXPECT_EQ(widened.status, 403) << widened.body;
  EXPECT_NE(widened.body.find("users:write"), std::string::npos) << widened.body;
  EXPECT_EQ(identity_tasks("update_role"), published);
  EXPECT_FALSE(permissions_of(rory.token).count("users:write"));

  // A new role with a permission he lacks; the built-in `user` with tracker writes.
  EXPECT_EQ(call("POST", "/admin/roles", R"({"name":"sneaky","permissions":["api_keys:write"]})", r)
                .status,
            403);
  const auto user_role = call("PUT", "/admin/roles/" + std::to_string(role_id("user")),
                              R"({"permissions":["tasks:read","events:write"]})", r);
  EXPECT_EQ(user_role.status, 403) << user_role.body;

  // What he holds he may put in a role; taking permissions out is no escalation.
  const auto own =
      call("POST", "/admin/roles", R"({"name":"rory_tasks","permissions":["tasks:read"]})", r);
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(call("PUT", editor_path, R"({"permissions":["roles:write","roles:read"]})", r).status,
            200);
}

TEST_F(PrivilegeEscalation, AnApiKeysWriteHolderCannotMintKeysAboveItself) {
  const std::int64_t keys = create_role("key_manager", R"(["api_keys:read","api_keys:write"])");
  const Account kim = register_user("kim@example.com");
  grant(kim.id, keys);
  const Headers k = bearer(kim.token);

  const int published = identity_tasks("create_api_key");
  const auto admin_key =
      call("POST", "/admin/api-keys", R"({"name":"kim-admin","role":"admin"})", k);
  EXPECT_EQ(admin_key.status, 403) << admin_key.body;
  EXPECT_EQ(admin_key.body.find("\"key\""), std::string::npos);
  EXPECT_EQ(identity_tasks("create_api_key"), published);
  // A client key reports releases, a reader key reads them: kim does neither yet.
  EXPECT_EQ(
      call("POST", "/admin/api-keys", R"({"name":"kim-client","role":"client","client":"acme"})", k)
          .status,
      403);
  EXPECT_EQ(call("POST", "/admin/api-keys", R"({"name":"kim-reader","role":"reader"})", k).status,
            403);
  grant(kim.id, create_role("release_reader", R"(["releases:read"])"));
  EXPECT_EQ(call("POST", "/admin/api-keys", R"({"name":"kim-reader","role":"reader"})", k).status,
            201);

  // An admin's key is not hers to revoke.
  const auto made =
      call("POST", "/admin/api-keys", R"({"name":"ops-admin","role":"admin"})", admin_headers());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string key_path =
      "/admin/api-keys/" + std::to_string(parse_json(made.body)["id"].GetInt64());
  EXPECT_EQ(call("DELETE", key_path, {}, k).status, 403);
  EXPECT_EQ(call("DELETE", key_path, {}, admin_headers()).status, 200);
}

// The API's snapshot is behind the database (IDENTITY_REFRESH_MS=60000 and a
// change made in SQL): the API lets the grant through, the worker refuses it.
TEST_F(PrivilegeEscalation, TheWorkerChecksAgainWhatTheApisSnapshotLetThrough) {
  const std::int64_t manager = create_role("stale_manager", R"(["users:read","users:write"])");
  const std::int64_t stale = create_role("stale_role", R"(["tasks:read"])");
  const Account sam = register_user("sam@example.com");
  grant(sam.id, manager);
  {
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    tx.exec_params0(
        "INSERT INTO role_permissions (role_id, permission_id) "
        "SELECT $1, id FROM permissions WHERE name = 'workers:read'",
        stale);
    tx.commit();
  }
  const int published = identity_tasks("assign_role");
  const auto refused =
      call("POST", user_path(sam.id) + "/roles/" + std::to_string(stale), {}, bearer(sam.token));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("workers:read"), std::string::npos) << refused.body;
  EXPECT_EQ(identity_tasks("assign_role"), published + 1);  // published, failed in the worker
  EXPECT_FALSE(roles_of(sam.token).count("stale_role"));
}

TEST_F(PrivilegeEscalation, TheLastActiveAdminStays) {
  const Headers key = admin_headers();  // a clients.yaml admin key: not counted
  const std::int64_t admin_id = admin_user_id();
  const std::string admin_role = std::to_string(role_id("admin"));

  const auto deactivated = call("POST", user_path(admin_id) + "/deactivate", {}, key);
  EXPECT_EQ(deactivated.status, 409) << deactivated.body;
  EXPECT_NE(deactivated.body.find("last active admin"), std::string::npos) << deactivated.body;
  EXPECT_EQ(call("DELETE", user_path(admin_id) + "/roles/" + admin_role, {}, key).status, 409);

  // An admin key of the database counts: the user may go, then the key is the last.
  const auto made =
      call("POST", "/admin/api-keys", R"({"name":"break-glass","role":"admin"})", key);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string key_path =
      "/admin/api-keys/" + std::to_string(parse_json(made.body)["id"].GetInt64());
  ASSERT_EQ(call("POST", user_path(admin_id) + "/deactivate", {}, key).status, 200);
  const auto last_key = call("DELETE", key_path, {}, key);
  EXPECT_EQ(last_key.status, 409) << last_key.body;
  EXPECT_NE(last_key.body.find("last admin credential"), std::string::npos) << last_key.body;
  ASSERT_EQ(call("POST", user_path(admin_id) + "/activate", {}, key).status, 200);
  ASSERT_EQ(call("DELETE", key_path, {}, key).status, 200);

  // Two admins deactivated at once, through two workers: exactly one goes.
  const Account second = register_user("second-admin@example.com");
  grant(second.id, role_id("admin"));
  std::vector<long> statuses(2);
  {
    std::vector<std::thread> threads;
    const std::int64_t targets[] = {admin_id, second.id};
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        HttpClient client(stack_->base_url());
        statuses[static_cast<std::size_t>(i)] =
            client.request("POST", user_path(targets[i]) + "/deactivate", {}, admin_headers())
                .status;
      });
    }
    for (auto& t : threads) t.join();
  }
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<long>{200, 409}));
  // Back to one active admin user, the development one.
  ASSERT_EQ(call("POST", user_path(admin_id) + "/activate", {}, key).status, 200);
  ASSERT_EQ(call("POST", user_path(second.id) + "/activate", {}, key).status, 200);
  ASSERT_EQ(call("DELETE", user_path(second.id) + "/roles/" + admin_role, {}, key).status, 204);
}

TEST_F(PrivilegeEscalation, NewAccountsReadTheTrackerAndDoNotWriteIt) {
  const Account reader = register_user("tracker-reader@example.com");
  const auto permissions = permissions_of(reader.token);
  for (const char* p : {"events:read", "catalog:read", "locks:read"})
    EXPECT_TRUE(permissions.count(p)) << p;
  for (const char* p : {"events:write", "catalog:write", "locks:write"})
    EXPECT_FALSE(permissions.count(p)) << p;

  // From outside TRACKER_ANONYMOUS_FROM, credentials without the permission do not
  // pass as anonymous either.
  const auto lock = call("POST", "/api/v1alpha1/lock", R"({"service":"s-reader","who":"me"})",
                         bearer(reader.token));
  EXPECT_EQ(lock.status, 403) << lock.body;
  EXPECT_EQ(grpc_code(lock), 7);  // PERMISSION_DENIED
  EXPECT_EQ(call("GET", "/api/v1alpha1/locks/list", {}, bearer(reader.token)).status, 200);

  grant(reader.id, role_id("tracker_writer"));
  EXPECT_EQ(call("POST", "/api/v1alpha1/lock", R"({"service":"s-reader","who":"me"})",
                 bearer(reader.token))
                .status,
            200);
}

TEST_F(PrivilegeEscalation, ALockIsReleasedByItsHolderOrAnAdmin) {
  const std::int64_t writer = role_id("tracker_writer");
  const Account first = register_user("holder@example.com");
  const Account second = register_user("other-team@example.com");
  grant(first.id, writer);
  grant(second.id, writer);
  auto take = [&](const std::string& service, const Headers& headers) {
    const auto taken = call("POST", "/api/v1alpha1/lock",
                            R"({"service":")" + service + R"(","who":"ci-1"})", headers);
    EXPECT_EQ(taken.status, 200) << taken.body;
    return taken.status == 200 ? std::string(parse_json(taken.body)["lock"]["id"].GetString())
                               : std::string();
  };

  std::string id = take("deploy-a", bearer(first.token));
  const auto stolen = call("GET", "/api/v1alpha1/unlock/" + id, {}, bearer(second.token));
  EXPECT_EQ(stolen.status, 403) << stolen.body;
  EXPECT_EQ(grpc_code(stolen), 7);
  EXPECT_EQ(call("GET", "/api/v1alpha1/lock/" + id, {}, bearer(first.token)).status, 200);
  EXPECT_EQ(call("GET", "/api/v1alpha1/unlock/" + id, {}, bearer(first.token)).status, 200);

  id = take("deploy-a", bearer(first.token));
  EXPECT_EQ(call("GET", "/api/v1alpha1/unlock/" + id, {}, admin_headers()).status, 200);

  // The original Tracker's clients send no credentials: an anonymous lock is
  // released anonymously (from the named networks), not by another team.
  id = take("deploy-b", from("198.51.100.20"));
  EXPECT_EQ(call("GET", "/api/v1alpha1/unlock/" + id, {}, bearer(second.token)).status, 403);
  EXPECT_EQ(call("GET", "/api/v1alpha1/unlock/" + id, {}, from("198.51.100.21")).status, 200);
}

TEST_F(PrivilegeEscalation, AnonymousTrackerCallersComeFromTheNamedNetworksOnly) {
  const std::string event =
      R"({"title":"Deploy","attributes":{"type":"deployment","service":"web"}})";
  EXPECT_EQ(call("POST", "/api/v1alpha1/event", event, from("198.51.100.30")).status, 200);
  const auto outside = call("POST", "/api/v1alpha1/event", event, from("203.0.113.30"));
  EXPECT_EQ(outside.status, 401) << outside.body;
  EXPECT_EQ(grpc_code(outside), 16);  // UNAUTHENTICATED
  EXPECT_EQ(call("GET", "/api/v1alpha1/events/list", {}, from("203.0.113.31")).status, 401);
  EXPECT_EQ(call("GET", "/api/v1alpha1/events/list", {}, from("198.51.100.31")).status, 200);

  // Anonymous writes count per IP (3 per window here); reads do not.
  bool limited = false;
  for (int i = 0; i < 7 && !limited; ++i) {
    const auto response = call("POST", "/api/v1alpha1/event", event, from("198.51.100.40"));
    limited = response.status == 429;
    if (limited) {
      EXPECT_EQ(grpc_code(response), 8);  // RESOURCE_EXHAUSTED
    }
  }
  EXPECT_TRUE(limited);
  EXPECT_EQ(call("POST", "/api/v1alpha1/event", event, from("198.51.100.41")).status, 200);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(call("GET", "/api/v1alpha1/events/list", {}, from("198.51.100.40")).status, 200);
  }
}

TEST_F(PrivilegeEscalation, DeadLetterReplayFollowsOwnershipAndSkipsInternalServices) {
  const std::int64_t replayer =
      create_role("replayer", R"(["dead_letters:read","dead_letters:replay"])");
  const Account alice = register_user("dl-alice@example.com");
  const Account bob = register_user("dl-bob@example.com");
  grant(alice.id, replayer);
  grant(bob.id, replayer);
  const auto submitted =
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"fail"})", bearer(alice.token));
  ASSERT_EQ(submitted.status, 202) << submitted.body;
  const std::string id = parse_json(submitted.body)["id"].GetString();
  TaskApiClient admin(stack_->base_url());
  ASSERT_TRUE(admin.reaches(id, "dead"));

  const auto foreign =
      call("POST", "/api/v1/dead-letters/" + id + "/replay", {}, bearer(bob.token));
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  const auto bulk =
      call("POST", "/api/v1/dead-letters/replay?service=system", {}, bearer(bob.token));
  ASSERT_EQ(bulk.status, 202) << bulk.body;
  EXPECT_EQ(parse_json(bulk.body)["replayed"].GetInt(), 0);
  EXPECT_EQ(call("POST", "/api/v1/dead-letters/" + id + "/replay", {}, bearer(alice.token)).status,
            202);

  // A dead identity write is not run again, even by an admin.
  const std::string internal_id = "0190c7b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f";
  {
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    tx.exec_params0(
        "INSERT INTO tasks (id, service, action, status, attempts, max_attempts, payload, "
        "submitted_by) VALUES ($1, 'identity', 'assign_role', 'dead', 1, 1, '{}', 'user:1')",
        internal_id);
    tx.commit();
  }
  const auto internal =
      call("POST", "/api/v1/dead-letters/" + internal_id + "/replay", {}, admin_headers());
  EXPECT_EQ(internal.status, 403) << internal.body;
  EXPECT_EQ(
      call("POST", "/api/v1/dead-letters/replay?service=identity", {}, admin_headers()).status,
      403);
}

TEST_F(PrivilegeEscalation, UsernamesCannotLookLikeEmails) {
  const auto refused = call("POST", "/auth/register",
                            R"({"email":"eve@example.com","username":"victim@example.com",)"
                            R"("password":"SecurePassword123!"})");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_STREQ(parse_json(refused.body)["error"]["details"][0]["field"].GetString(), "username");

  // An account from before the rule, whose username is someone's email: a sign-in
  // with that email reaches the email's owner only.
  {
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    tx.exec0(
        "INSERT INTO users (email, username, password_hash) SELECT 'old-eve@example.com', "
        "'victim2@example.com', password_hash FROM users WHERE username = 'admin'");
    tx.commit();
  }
  ASSERT_EQ(
      call(
          "POST", "/auth/register",
          R"({"email":"victim2@example.com","username":"victim2","password":"SecurePassword123!"})")
          .status,
      201);
  EXPECT_EQ(call("POST", "/auth/login", R"({"username":"victim2@example.com","password":"admin"})")
                .status,
            401);
  EXPECT_FALSE(login("victim2@example.com", kPassword).empty());
}

TEST_F(PrivilegeEscalation, BadBadgeKeysCountAsFailedCredentials) {
  const std::string badge = "/badges/not-a-key/acme/prod/Deployment/web/nginx";
  HttpResponse last;
  for (int i = 0; i < 11 && last.status != 429; ++i)
    last = call("GET", badge, {}, from("192.0.2.50"));
  ASSERT_EQ(last.status, 429) << "a wrong key in a badge URL is never limited";
  EXPECT_EQ(last.header("content-type"), "image/svg+xml");
  EXPECT_FALSE(last.header("retry-after").empty());
  EXPECT_EQ(call("GET", badge, {}, from("192.0.2.51")).status, 200);  // another client
}

TEST_F(PrivilegeEscalation, IpV6ClientsShareTheBudgetOfTheirSlash64) {
  const Headers bad{{"Authorization", "Bearer not-a-key"}};
  HttpResponse last;
  for (int i = 0; i < 11 && last.status != 429; ++i) {
    // Each request from a fresh address of the same /64.
    last = call("GET", "/auth/me", {}, from("2001:db8:aa:1::" + std::to_string(i + 1), bad));
  }
  EXPECT_EQ(last.status, 429) << last.body;
  EXPECT_EQ(call("GET", "/auth/me", {}, from("2001:db8:aa:2::1", bad)).status, 401);
}

TEST_F(PrivilegeEscalation, ForwardedForIsReadFromTrustedProxiesOnly) {
  // A second API that trusts no proxy: every request is 127.0.0.1's, whatever
  // X-Forwarded-For claims.
  auto env = stack_->environment();
  env["API_PORT"] = std::to_string(free_port());
  env["TRUSTED_PROXIES"] = "";
  ChildProcess api(build_dir() + "/switchyard-api", {}, env,
                   build_dir() + "/test-logs/privilege_escalation_e2e-api-untrusted.log");
  HttpClient untrusted("http://127.0.0.1:" + env["API_PORT"]);
  ASSERT_TRUE(eventually([&] { return untrusted.request("GET", "/health").status == 200; }));
  HttpResponse last;
  for (int i = 0; i < 11 && last.status != 429; ++i) {
    last = untrusted.request("GET", "/auth/me", {},
                             {{"Authorization", "Bearer not-a-key"},
                              {"X-Forwarded-For", "203.0.113." + std::to_string(i + 1)}});
  }
  EXPECT_EQ(last.status, 429) << "X-Forwarded-For from an untrusted peer picked the budget";
}

TEST_F(PrivilegeEscalation, WrongPasswordsAreThrottledPerAccountAcrossAddresses) {
  register_user("throttled@example.com");
  HttpResponse last;
  for (int i = 0; i < 7 && last.status != 429; ++i) {
    last = call("POST", "/auth/login", R"({"username":"throttled@example.com","password":"guess"})",
                from("203.0.113." + std::to_string(100 + i)));
  }
  ASSERT_EQ(last.status, 429) << last.body;
  EXPECT_FALSE(last.header("retry-after").empty());
  // The account is closed to sign-ins for the window, the right password too,
  // and through the IMAS route as well; other accounts are not.
  EXPECT_EQ(call("POST", "/auth/login",
                 R"({"username":"throttled@example.com","password":"SecurePassword123!"})")
                .status,
            429);
  const auto imas = call("POST", "/api/auth/token/",
                         R"({"username":"throttled@example.com","password":"SecurePassword123!"})");
  EXPECT_EQ(imas.status, 429);
  EXPECT_TRUE(parse_json(imas.body)["error"].IsString()) << imas.body;
  EXPECT_FALSE(login("admin", "admin").empty());
}

TEST_F(PrivilegeEscalation, ATaskAsksNoMoreThanItsActionAllowsUnlessAnAdminAsks) {
  const Account user = register_user("bounded@example.com");
  const Headers u = bearer(user.token);
  const auto slow = call("POST", "/api/v1/tasks",
                         R"({"service":"system","action":"noop","timeout_ms":30001})", u);
  EXPECT_EQ(slow.status, 422) << slow.body;
  EXPECT_STREQ(parse_json(slow.body)["error"]["details"][0]["field"].GetString(), "timeout_ms");
  const auto stubborn =
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop","max_attempts":4})", u);
  EXPECT_EQ(stubborn.status, 422) << stubborn.body;
  EXPECT_STREQ(parse_json(stubborn.body)["error"]["details"][0]["field"].GetString(),
               "max_attempts");
  EXPECT_EQ(call("POST", "/api/v1/tasks",
                 R"({"service":"system","action":"noop","max_attempts":3,"timeout_ms":30000})", u)
                .status,
            202);
  EXPECT_EQ(call("POST", "/api/v1/tasks",
                 R"({"service":"system","action":"noop","max_attempts":9})", admin_headers())
                .status,
            202);
}

TEST_F(PrivilegeEscalation, ARefreshChainEndsAtItsMaximumAge) {
  const Account user = register_user("refresher@example.com");
  const security::JwtCodec codec(kJwtSecret, "switchyard", std::chrono::seconds(1800));
  const std::string subject = std::to_string(user.id);
  const std::int64_t now = now_epoch();

  // Signed in 2 minutes ago, refreshed since: past JWT_REFRESH_MAX_AGE_SECONDS=60.
  const auto stale =
      call("POST", "/auth/refresh", {}, bearer(codec.issue(subject, now - 10, now - 120)));
  EXPECT_EQ(stale.status, 401) << stale.body;
  EXPECT_NE(stale.body.find("sign in again"), std::string::npos) << stale.body;

  const auto recent =
      call("POST", "/auth/refresh", {}, bearer(codec.issue(subject, now - 10, now - 30)));
  ASSERT_EQ(recent.status, 200) << recent.body;
  const auto claims =
      codec.verify(parse_json(recent.body)["access_token"].GetString(), now_epoch()).claims;
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(claims->auth_time, now - 30);  // the chain keeps its sign-in time
  EXPECT_EQ(call("POST", "/auth/refresh", {}, bearer(user.token)).status, 200);
}

TEST_F(PrivilegeEscalation, APasswordChangeRevokesTheUsersImasTokens) {
  const Account user = register_user("imas-owner@example.com");
  const auto created =
      call("POST", "/api/auth/token/",
           R"({"username":"imas-owner@example.com","password":"SecurePassword123!"})");
  ASSERT_EQ(created.status, 200) << created.body;
  const Headers token{
      {"Authorization", "Token " + std::string(parse_json(created.body)["token"].GetString())}};
  ASSERT_EQ(call("GET", "/api/auth/token/verify/", {}, token).status, 200);
  ASSERT_EQ(call("POST", "/auth/change-password",
                 R"({"current_password":"SecurePassword123!","new_password":"AnotherPass456!"})",
                 bearer(user.token))
                .status,
            200);
  EXPECT_EQ(call("GET", "/api/auth/token/verify/", {}, token).status, 401);
}

TEST_F(PrivilegeEscalation, RegistrationCanBeTurnedOff) {
  auto env = stack_->environment();
  env["API_PORT"] = std::to_string(free_port());
  env["REGISTRATION_ENABLED"] = "false";
  ChildProcess api(build_dir() + "/switchyard-api", {}, env,
                   build_dir() + "/test-logs/privilege_escalation_e2e-api-closed.log");
  HttpClient closed("http://127.0.0.1:" + env["API_PORT"]);
  ASSERT_TRUE(eventually([&] { return closed.request("GET", "/health").status == 200; }));
  const auto refused = closed.request(
      "POST", "/auth/register", R"({"email":"late@example.com","password":"SecurePassword123!"})",
      {{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(error_code(refused), "AUTHORIZATION_ERROR");
}

// Last: it stops the database for a moment.
TEST_F(PrivilegeEscalation, HealthShowsWhatFailedOnlyToMetricsReaders) {
  ASSERT_TRUE(run_test_servers("stop-db"));
  HttpResponse anonymous;
  const bool down = eventually([&] {
    anonymous = call("GET", "/health");
    return anonymous.status == 503;
  });
  const auto detailed = call("GET", "/health", {}, admin_headers());
  ASSERT_TRUE(run_test_servers("start-db"));
  ASSERT_TRUE(down) << anonymous.body;
  const auto doc = parse_json(anonymous.body);
  EXPECT_FALSE(doc["checks"]["database"].GetBool());
  EXPECT_FALSE(doc.HasMember("database_error")) << anonymous.body;
  EXPECT_EQ(detailed.status, 503);
  EXPECT_TRUE(parse_json(detailed.body).HasMember("database_error")) << detailed.body;
  EXPECT_TRUE(
      eventually([&] { return call("GET", "/health").status == 200; }, std::chrono::seconds(60)));
}

}  // namespace
}  // namespace switchyard::testing
