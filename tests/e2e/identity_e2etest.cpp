// The identity layer end to end, from the documents' examples: xcore accounts
// (register → login → me → refresh), IMAS tokens (token → verify → revoke), roles,
// permissions and users administration, API keys, JWT expiry and tampering, and
// authorization on every route of the route table.
#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <regex>

#include "modules.hpp"
#include "security/jwt_codec.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;

constexpr const char* kJwtSecret = "identity-e2e-test-secret-0123456789abcdef";

// Generous sign-in limits: this suite signs in far more than 5 times a minute.
constexpr const char* kClientsYaml = R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
  - name: acme-reader
    sha256: 7b286f218ada0132be54bbf7d483f20245d72c19214403167529691d93212de1  # acme-reader-key
    role: client
    client: acme
rate_limits:
  auth: {requests: 1000, period_seconds: 60}
  unauthenticated: {requests: 100000, period_seconds: 3600}
)";

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class Identity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kClientsYaml);
    stack_ =
        new TestStack({"identity_e2e",
                       1,
                       {{"JWT_SECRET", kJwtSecret},
                        {"METRICS_PUBLIC", "false"},  // so /metrics is checked below too
                        {"CORS_ALLOWED_ORIGINS", "https://app.example.com"},
                        {"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete config_dir_;
    config_dir_ = nullptr;
  }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = {}, Headers headers = {}) {
    if (!body.empty() && !headers.count("Content-Type"))
      headers["Content-Type"] = "application/json";
    return http_.request(method, path, body, headers);
  }
  static Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  // Registers `email` (password "SecurePassword123!") and returns its access token.
  std::string register_and_login(const std::string& email) {
    const auto reg = call(
        "POST", "/auth/register",
        R"({"email":")" + email + R"(","password":"SecurePassword123!","full_name":"Test User"})");
    EXPECT_EQ(reg.status, 201) << reg.body;
    return login(email, "SecurePassword123!");
  }
  std::string login(const std::string& user, const std::string& password) {
    const auto response = call("POST", "/auth/login", "username=" + user + "&password=" + password,
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(response.status, 200) << response.body;
    if (response.status != 200) return "";
    return parse_json(response.body)["access_token"].GetString();
  }
  std::string admin_token() { return login("admin@example.com", "admin"); }

  static TempDir* config_dir_;
  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
};

TempDir* Identity::config_dir_ = nullptr;
TestStack* Identity::stack_ = nullptr;

TEST_F(Identity, RegisterLoginMeRefresh) {
  const auto reg = call(
      "POST", "/auth/register",
      R"({"email":"john@example.com","password":"SecurePassword123!","full_name":"John Doe"})");
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto user = parse_json(reg.body);
  EXPECT_TRUE(user["id"].IsInt64());
  EXPECT_STREQ(user["email"].GetString(), "john@example.com");
  EXPECT_STREQ(user["full_name"].GetString(), "John Doe");
  EXPECT_TRUE(user["is_active"].GetBool());
  EXPECT_TRUE(user["created_at"].IsString());
  EXPECT_FALSE(user.HasMember("password_hash"));

  // The same email again: 409; a bad one: 422 naming the field.
  EXPECT_EQ(call("POST", "/auth/register",
                 R"({"email":"JOHN@example.com","password":"SecurePassword123!"})")
                .status,
            409);
  const auto bad =
      call("POST", "/auth/register", R"({"email":"nope","password":"SecurePassword123!"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_STREQ(parse_json(bad.body)["error"]["details"][0]["field"].GetString(), "email");
  EXPECT_EQ(call("POST", "/auth/register", R"({"email":"a@b.co","password":"short"})").status, 422);
  EXPECT_EQ(call("POST", "/auth/register", "not json").status, 400);

  // Login, form-encoded (the document's example) and JSON.
  const auto form =
      call("POST", "/auth/login", "username=john%40example.com&password=SecurePassword123%21",
           {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(form.status, 200) << form.body;
  const auto token = parse_json(form.body);
  EXPECT_STREQ(token["token_type"].GetString(), "bearer");
  EXPECT_EQ(token["expires_in"].GetInt(), 1800);
  const auto json_login = call(
      "POST", "/auth/login", R"({"username":"john@example.com","password":"SecurePassword123!"})");
  EXPECT_EQ(json_login.status, 200);

  const std::string access = token["access_token"].GetString();
  const auto me = call("GET", "/auth/me", {}, bearer(access));
  ASSERT_EQ(me.status, 200) << me.body;
  const auto me_doc = parse_json(me.body);
  EXPECT_STREQ(me_doc["email"].GetString(), "john@example.com");
  ASSERT_EQ(me_doc["roles"].Size(), 1u);
  EXPECT_STREQ(me_doc["roles"][0].GetString(), "user");
  bool can_submit = false;
  for (const auto& p : me_doc["permissions"].GetArray())
    can_submit |= p.GetString() == std::string("tasks:write");
  EXPECT_TRUE(can_submit);

  const auto refreshed = call("POST", "/auth/refresh", {}, bearer(access));
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  const std::string renewed = parse_json(refreshed.body)["access_token"].GetString();
  EXPECT_EQ(call("GET", "/auth/me", {}, bearer(renewed)).status, 200);

  // A user submits tasks with the token, like with an API key.
  const auto task =
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop"})", bearer(renewed));
  EXPECT_EQ(task.status, 202) << task.body;
}

TEST_F(Identity, WrongPasswordAndUnknownUserAre401) {
  for (const auto& body :
       {std::string(R"({"username":"admin","password":"wrong"})"),
        std::string(R"({"username":"ghost@example.com","password":"whatever1"})")}) {
    const auto response = call("POST", "/auth/login", body);
    EXPECT_EQ(response.status, 401) << response.body;
    EXPECT_STREQ(parse_json(response.body)["error"]["code"].GetString(), "AUTHENTICATION_ERROR");
  }
  EXPECT_EQ(call("POST", "/auth/login", R"({"username":"admin"})").status, 422);
}

TEST_F(Identity, ExpiredTamperedAndForeignTokensAre401) {
  const std::string good = admin_token();
  ASSERT_EQ(call("GET", "/auth/me", {}, bearer(good)).status, 200);

  const security::JwtCodec same_secret(kJwtSecret, "switchyard", std::chrono::seconds(60));
  const std::string expired = same_secret.issue("1", now_epoch() - 3600);
  const auto late = call("GET", "/auth/me", {}, bearer(expired));
  EXPECT_EQ(late.status, 401);
  EXPECT_NE(late.body.find("expired"), std::string::npos) << late.body;

  std::string tampered = good;
  const auto dot = tampered.find('.');
  tampered[dot + 5] = tampered[dot + 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(call("GET", "/auth/me", {}, bearer(tampered)).status, 401);

  const security::JwtCodec other_secret("another-secret-another-secret-0123456789", "switchyard",
                                        std::chrono::seconds(600));
  EXPECT_EQ(call("GET", "/auth/me", {}, bearer(other_secret.issue("1", now_epoch()))).status, 401);
  EXPECT_EQ(call("GET", "/auth/me", {}, {{"Authorization", "Basic YWRtaW46YWRtaW4="}}).status, 401);
}

TEST_F(Identity, ImasTokenVerifyRevoke) {
  const auto created =
      call("POST", "/api/auth/token/", R"({"username":"admin","password":"admin"})");
  ASSERT_EQ(created.status, 200) << created.body;
  const auto doc = parse_json(created.body);
  const std::string token = doc["token"].GetString();
  EXPECT_TRUE(std::regex_match(token, std::regex("^[0-9a-f]{40}$"))) << token;
  EXPECT_STREQ(doc["username"].GetString(), "admin");
  EXPECT_TRUE(doc["created"].GetBool());

  const Headers auth{{"Authorization", "Token " + token}};
  const auto verified = call("GET", "/api/auth/token/verify/", {}, auth);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_TRUE(parse_json(verified.body)["valid"].GetBool());
  // The token works on the other surfaces too.
  EXPECT_EQ(call("GET", "/api/v1/tasks/stats", {}, auth).status, 200);

  const auto revoked = call("POST", "/api/auth/token/revoke/", {}, auth);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_STREQ(parse_json(revoked.body)["message"].GetString(), "Token revoked successfully");
  const auto after = call("GET", "/api/auth/token/verify/", {}, auth);
  EXPECT_EQ(after.status, 401);
  EXPECT_TRUE(parse_json(after.body)["error"].IsString()) << after.body;  // IMAS format

  const auto wrong = call("POST", "/api/auth/token/", R"({"username":"admin","password":"nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_STREQ(parse_json(wrong.body)["error"].GetString(), "Invalid credentials");
  const auto missing = call("POST", "/api/auth/token/", R"({"username":"admin"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(parse_json(missing.body)["details"]["password"].IsArray()) << missing.body;
}

TEST_F(Identity, RolesPermissionsAndUsersAdministration) {
  const Headers admin = bearer(admin_token());
  const auto listed = call("GET", "/admin/roles?skip=0&limit=20", {}, admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto roles = parse_json(listed.body);
  EXPECT_GE(roles["total"].GetInt(), 2);
  EXPECT_EQ(roles["limit"].GetInt(), 20);
  EXPECT_TRUE(roles["has_more"].IsBool());
  EXPECT_EQ(call("GET", "/admin/roles?limit=500", {}, admin).status, 422);

  const auto permission = call(
      "POST", "/admin/permissions",
      R"({"name":"reports:generate","description":"Générer des rapports","resource":"reports","action":"generate"})",
      admin);
  ASSERT_EQ(permission.status, 201) << permission.body;
  EXPECT_STREQ(parse_json(permission.body)["resource"].GetString(), "reports");
  EXPECT_EQ(call("POST", "/admin/permissions",
                 R"({"name":"reports:generate","resource":"reports","action":"generate"})", admin)
                .status,
            409);
  EXPECT_EQ(
      call("POST", "/admin/permissions", R"({"name":"x:y","resource":"a","action":"b"})", admin)
          .status,
      422);

  const auto created = call(
      "POST", "/admin/roles",
      R"({"name":"manager","description":"Gestionnaire d'équipe","permissions":["users:read","reports:generate"]})",
      admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t role_id = parse_json(created.body)["id"].GetInt64();
  const std::string role_path = "/admin/roles/" + std::to_string(role_id);
  EXPECT_EQ(call("POST", "/admin/roles", R"({"name":"manager"})", admin).status, 409);
  EXPECT_EQ(call("POST", "/admin/roles", R"({"name":"x","permissions":["no:such"]})", admin).status,
            422);

  // A user gets the role: its token carries the permission from the next request on.
  const std::string user_token = register_and_login("manager@example.com");
  EXPECT_EQ(call("GET", "/admin/users", {}, bearer(user_token)).status, 403);
  const auto found =
      call("GET", "/admin/users?search=manager@&is_active=true&sort_by=email&sort_order=desc", {},
           admin);
  ASSERT_EQ(found.status, 200) << found.body;
  const auto users = parse_json(found.body);
  ASSERT_EQ(users["total"].GetInt(), 1) << found.body;
  const std::int64_t user_id = users["items"][0]["id"].GetInt64();
  const std::string user_path = "/admin/users/" + std::to_string(user_id);
  EXPECT_EQ(call("GET", "/admin/users?sort_by=password_hash", {}, admin).status, 422);

  const auto assigned = call("POST", user_path + "/roles/" + std::to_string(role_id), {}, admin);
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_STREQ(parse_json(assigned.body)["message"].GetString(), "Rôle assigné avec succès");
  EXPECT_EQ(call("GET", "/admin/users", {}, bearer(user_token)).status, 200);
  const auto detail = parse_json(call("GET", role_path, {}, admin).body);
  EXPECT_EQ(detail["users_count"].GetInt(), 1);
  EXPECT_EQ(detail["permissions"].Size(), 2u);
  EXPECT_EQ(call("POST", user_path + "/roles/999999", {}, admin).status, 404);

  const auto updated = call("PUT", role_path, R"({"description":"Super gestionnaire"})", admin);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_STREQ(parse_json(updated.body)["description"].GetString(), "Super gestionnaire");

  EXPECT_EQ(call("DELETE", user_path + "/roles/" + std::to_string(role_id), {}, admin).status, 204);
  EXPECT_EQ(call("GET", "/admin/users", {}, bearer(user_token)).status, 403);

  // Deactivation locks the user out at once; activation lets them back.
  const auto off = call("POST", user_path + "/deactivate", {}, admin);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(parse_json(off.body)["is_active"].GetBool());
  EXPECT_EQ(call("GET", "/auth/me", {}, bearer(user_token)).status, 401);
  EXPECT_EQ(call("POST", "/auth/login",
                 R"({"username":"manager@example.com","password":"SecurePassword123!"})")
                .status,
            401);
  EXPECT_EQ(call("POST", user_path + "/activate", {}, admin).status, 200);
  EXPECT_EQ(call("GET", "/auth/me", {}, bearer(user_token)).status, 200);

  EXPECT_EQ(call("DELETE", role_path, {}, admin).status, 204);
  EXPECT_EQ(call("GET", role_path, {}, admin).status, 404);
  EXPECT_EQ(call("DELETE", role_path, {}, admin).status, 404);
  EXPECT_EQ(call("DELETE", "/admin/roles/1", {}, admin).status, 409);  // built-in admin
}

TEST_F(Identity, ApiKeysCreatedAtRunTimeAuthenticateAndRevoke) {
  const Headers admin = bearer(admin_token());
  const auto created = call("POST", "/admin/api-keys",
                            R"({"name":"ci-bot","role":"client","client":"acme"})", admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto doc = parse_json(created.body);
  const std::string key = doc["key"].GetString();
  EXPECT_STREQ(doc["client"].GetString(), "acme");

  const Headers with_key = bearer(key);
  EXPECT_EQ(
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop"})", with_key).status,
      202);
  EXPECT_EQ(call("GET", "/admin/roles", {}, with_key).status, 403);  // a client key is no admin
  const auto listed = call("GET", "/admin/api-keys", {}, admin);
  EXPECT_EQ(listed.body.find(key), std::string::npos) << "a listed key must not show its secret";

  const auto revoked =
      call("DELETE", "/admin/api-keys/" + std::to_string(doc["id"].GetInt64()), {}, admin);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(call("GET", "/api/v1/services", {}, with_key).status, 401);
  EXPECT_EQ(
      call("POST", "/admin/api-keys", R"({"name":"no-client","role":"client"})", admin).status,
      422);
}

TEST_F(Identity, ChangingThePasswordCutsOffEarlierAccessTokens) {
  const std::string old_token = register_and_login("changer@example.com");
  // Tokens carry whole seconds: the change must come in a later second than the
  // old token's, as it would in life.
  const auto epoch = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const auto issued = epoch();
  ASSERT_TRUE(eventually([&] { return epoch() > issued; }));

  const auto wrong =
      call("POST", "/auth/change-password",
           R"({"current_password":"not-it","new_password":"AnotherPass456!"})", bearer(old_token));
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_STREQ(parse_json(wrong.body)["error"]["details"][0]["field"].GetString(),
               "current_password");
  EXPECT_EQ(
      call("POST", "/auth/change-password",
           R"({"current_password":"SecurePassword123!","new_password":"short"})", bearer(old_token))
          .status,
      422);
  EXPECT_EQ(
      call("POST", "/auth/change-password",
           R"({"current_password":"x","new_password":"AnotherPass456!"})", bearer("dev-admin-key"))
          .status,
      403);
  // Nothing changed so far: the old token still works.
  ASSERT_EQ(call("GET", "/auth/me", {}, bearer(old_token)).status, 200);

  const auto changed = call("POST", "/auth/change-password",
                            "current_password=SecurePassword123%21&new_password=AnotherPass456%21",
                            {{"Content-Type", "application/x-www-form-urlencoded"},
                             {"Authorization", "Bearer " + old_token}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const std::string fresh = parse_json(changed.body)["access_token"].GetString();

  const auto refused = call("GET", "/auth/me", {}, bearer(old_token));
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_NE(refused.body.find("password change"), std::string::npos) << refused.body;
  EXPECT_EQ(call("GET", "/auth/me", {}, bearer(fresh)).status, 200);
  EXPECT_EQ(call("POST", "/auth/login",
                 R"({"username":"changer@example.com","password":"SecurePassword123!"})")
                .status,
            401);
  EXPECT_FALSE(login("changer@example.com", "AnotherPass456%21").empty());
}

TEST_F(Identity, SecretsNeverReachTheTaskLedgerOrTheLogs) {
  register_and_login("secret-keeper@example.com");
  pqxx::connection db(stack_->database_url());
  pqxx::nontransaction tx(db);
  const auto leaked = tx.exec(
      "SELECT id FROM tasks WHERE service = 'identity' AND payload <> '{\"redacted\": true}'");
  EXPECT_EQ(leaked.size(), 0u);
  EXPECT_GT(tx.exec1("SELECT count(*) FROM tasks WHERE service = 'identity'")[0].as<int>(), 0);
  for (auto* process : {&stack_->api()}) {
    EXPECT_EQ(process->log().find("SecurePassword123!"), std::string::npos);
    EXPECT_EQ(process->log().find("$argon2id$"), std::string::npos);
  }
  // The identity service cannot be called through the task API.
  const auto forged =
      call("POST", "/api/v1/tasks",
           R"({"service":"identity","action":"assign_role","payload":{"user_id":2,"role_id":1}})",
           bearer(admin_token()));
  EXPECT_EQ(forged.status, 400) << forged.body;
}

// Every route of the table that is not public: 401 without credentials; every
// route that needs a permission: 403 for a user (role `user`) lacking it.
TEST_F(Identity, EveryProtectedRouteRefusesMissingCredentialsAndMissingRights) {
  const std::string user_token = register_and_login("plain-user@example.com");
  const auto me = parse_json(call("GET", "/auth/me", {}, bearer(user_token)).body);
  std::set<std::string> user_permissions;
  for (const auto& p : me["permissions"].GetArray()) user_permissions.insert(p.GetString());

  pqxx::connection db(stack_->database_url());
  int checked = 0;
  for (const auto& route : api::Modules::route_table({/*metrics_public=*/false})) {
    if (route.access.kind == api::Access::Kind::kPublic) continue;
    // Any value fills a path parameter: access control answers before the handler.
    const std::string path = std::regex_replace(route.path, std::regex(":[a-z_]+"), "1");
    const std::string method = Pistache::Http::methodString(route.method);
    const auto anonymous = call(method, path);
    EXPECT_EQ(anonymous.status, 401) << method << " " << path << ": " << anonymous.body;
    ++checked;
    if (route.access.kind != api::Access::Kind::kPermission) continue;
    // Every permission a route needs exists, so an admin can grant it.
    pqxx::nontransaction tx(db);
    EXPECT_EQ(
        tx.exec_params("SELECT 1 FROM permissions WHERE name = $1", route.access.permission).size(),
        1u)
        << route.access.permission;
    if (user_permissions.count(route.access.permission)) continue;
    const auto forbidden = call(method, path, {}, bearer(user_token));
    EXPECT_EQ(forbidden.status, 403) << method << " " << path << ": " << forbidden.body;
  }
  EXPECT_GT(checked, 25);
}

TEST_F(Identity, SecurityHeadersAndCors) {
  const auto plain = call("GET", "/health");
  EXPECT_EQ(plain.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(plain.header("x-frame-options"), "DENY");
  EXPECT_EQ(plain.header("access-control-allow-origin"), "");

  const auto allowed = call("GET", "/health", {}, {{"Origin", "https://app.example.com"}});
  EXPECT_EQ(allowed.header("access-control-allow-origin"), "https://app.example.com");
  const auto other = call("GET", "/health", {}, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(other.header("access-control-allow-origin"), "");

  const auto preflight =
      call("OPTIONS", "/auth/login", {},
           {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_NE(preflight.header("access-control-allow-headers").find("Authorization"),
            std::string::npos);
  const auto refused = call("OPTIONS", "/auth/login", {}, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(refused.status, 204);
  EXPECT_EQ(refused.header("access-control-allow-origin"), "");
  EXPECT_EQ(refused.header("allow"), "POST, OPTIONS");

  // A known path with another method: the documented 405, not Pistache's bare one.
  const auto wrong = call("DELETE", "/auth/login");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_STREQ(parse_json(wrong.body)["error"]["code"].GetString(), "METHOD_NOT_ALLOWED");
}

TEST_F(Identity, CallersSeeOnlyTheirOwnTasksAndAdminsSeeAll) {
  const Headers alice = bearer(register_and_login("alice@example.com"));
  const Headers bob = bearer(register_and_login("bob@example.com"));
  const auto submitted =
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop"})", alice);
  ASSERT_EQ(submitted.status, 202) << submitted.body;
  const std::string id = parse_json(submitted.body)["id"].GetString();
  TaskApiClient admin(stack_->base_url());
  ASSERT_TRUE(admin.reaches(id, "succeeded"));

  EXPECT_EQ(call("GET", "/api/v1/tasks/" + id, {}, alice).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/tasks/" + id, {}, bob).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/tasks/" + id + "/cancel", {}, bob).status, 403);
  const auto bobs = call("GET", "/api/v1/tasks?limit=500", {}, bob);
  ASSERT_EQ(bobs.status, 200);
  EXPECT_EQ(bobs.body.find(id), std::string::npos);
  EXPECT_NE(call("GET", "/api/v1/tasks?limit=500", {}, alice).body.find(id), std::string::npos);
  // A client key is scoped the same way.
  EXPECT_EQ(call("GET", "/api/v1/tasks/" + id, {}, bearer("acme-reader-key")).status, 403);
}

TEST_F(Identity, JwtWritesAreAcceptedWhileTheDatabaseIsDown) {
  const Headers user = bearer(register_and_login("offline@example.com"));
  ASSERT_TRUE(run_test_servers("stop-db"));
  const auto response =
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop"})", user);
  const auto key =
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop"})", admin_headers());
  // Signing in needs the account: 503 with Retry-After, not a 500.
  const auto sign_in = call("POST", "/auth/login", R"({"username":"admin","password":"admin"})");
  ASSERT_TRUE(run_test_servers("start-db"));
  EXPECT_EQ(sign_in.status, 503) << sign_in.body;
  EXPECT_EQ(sign_in.header("retry-after"), "1");
  EXPECT_EQ(response.status, 202) << response.body;
  EXPECT_EQ(key.status, 202) << key.body;
  TaskApiClient api(stack_->base_url());
  ASSERT_TRUE(api.reaches(parse_json(response.body)["id"].GetString(), "succeeded",
                          std::chrono::seconds(60)));
}

}  // namespace
}  // namespace switchyard::testing
