// The incident manager's catalog end to end, as a client written against the IMAS
// document sees it (docs/incidents.md, "Catalog"): services, teams and on-call,
// impact scopes, runbooks and tags — create, list (pages with absolute links,
// filters), detail, PATCH, PUT, DELETE; every bad field a 400 naming it, hostile
// input included; duplicate names 409 without case; unknown or malformed ids
// 404; a service incidents name cannot be deleted; a `user` reads but does not
// write. (On-call arithmetic across DST: tests/integration/.../on_call_pgtest.)
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "task_api_client.hpp"
#include "temp_dir.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;

constexpr const char* kClientsYaml = R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
rate_limits:
  auth: {requests: 1000, period_seconds: 60}
)";

constexpr const char* kUnknownId = "00000000-0000-4000-8000-000000000000";

class IncidentCatalog : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kClientsYaml);
    stack_ =
        new TestStack({"incident_catalog_e2e",
                       1,
                       {{"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()},
                        {"PUBLIC_URL", "https://imas.example.com"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete config_dir_;
    config_dir_ = nullptr;
  }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = {}, const Headers& headers = admin_headers()) {
    return http_.request(method, path, body, headers);
  }

  // The id of what POST `path` created (a test failure and "" otherwise).
  std::string create(const std::string& path, const std::string& body) {
    const auto response = call("POST", path, body);
    EXPECT_EQ(response.status, 201) << path << " " << body << ": " << response.body;
    if (response.status != 201) return "";
    return parse_json(response.body)["id"].GetString();
  }

  // The fields a 400 names, in its `details`.
  static std::vector<std::string> bad_fields(const HttpResponse& response) {
    EXPECT_EQ(response.status, 400) << response.body;
    std::vector<std::string> fields;
    const auto body = parse_json(response.body);
    if (!body.IsObject() || !body.HasMember("details")) return fields;
    // parse_json_body refuses a NUL before any field is read: "Validation failed: …".
    EXPECT_EQ(std::string(body["error"].GetString()).rfind("Validation failed", 0), 0u);
    for (const auto& field : body["details"].GetObject()) fields.push_back(field.name.GetString());
    return fields;
  }

  // The one field a 400 for `body` names.
  std::string bad_field(const std::string& method, const std::string& path,
                        const std::string& body) {
    const auto fields = bad_fields(call(method, path, body));
    EXPECT_EQ(fields.size(), 1u) << method << " " << path << " " << body;
    return fields.empty() ? "" : fields.front();
  }

  // A registered user (role `user`); its id.
  std::int64_t register_user(const std::string& name) {
    const auto response = call("POST", "/auth/register",
                               R"({"email":")" + name + R"(@example.com","username":")" + name +
                                   R"(","password":"SecurePassword123!"})",
                               {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 201) << response.body;
    return response.status == 201 ? parse_json(response.body)["id"].GetInt64() : 0;
  }

  // IMAS token headers of user `name` (registered first).
  Headers user_headers(const std::string& name) {
    register_user(name);
    const auto response = call("POST", "/api/auth/token/",
                               R"({"username":")" + name + R"(","password":"SecurePassword123!"})",
                               {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 200) << response.body;
    return {
        {"Authorization", "Token " + std::string(parse_json(response.body)["token"].GetString())},
        {"Content-Type", "application/json"}};
  }

  static TempDir* config_dir_;
  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
};

TempDir* IncidentCatalog::config_dir_ = nullptr;
TestStack* IncidentCatalog::stack_ = nullptr;

TEST_F(IncidentCatalog, ServicesAreCreatedShownChangedReplacedAndDeleted) {
  const std::string team = create("/api/v1/teams/", R"({"name":"Storage Team"})");
  const auto created = call("POST", "/api/v1/services/",
                            R"({"name":"redis-prod","owner_team":")" + team +
                                R"(","criticality":"tier_1_critical",)"
                                R"("runbook_url":"https://wiki.example.com/redis"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto service = parse_json(created.body);
  const std::string id = service["id"].GetString();
  EXPECT_STREQ(service["name"].GetString(), "redis-prod");
  EXPECT_STREQ(service["description"].GetString(), "");
  EXPECT_STREQ(service["owner_team"]["id"].GetString(), team.c_str());
  EXPECT_STREQ(service["owner_team"]["name"].GetString(), "Storage Team");
  EXPECT_STREQ(service["criticality"].GetString(), "TIER_1_CRITICAL");
  EXPECT_STREQ(service["runbook_url"].GetString(), "https://wiki.example.com/redis");
  EXPECT_TRUE(service["created_at"].IsString() && service["updated_at"].IsString());

  const auto shown = call("GET", "/api/v1/services/" + id + "/");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.body, created.body);
  EXPECT_EQ(call("GET", "/api/v1/services/" + id).status, 200);  // without the slash too

  // PATCH changes what it names; null clears a nullable field.
  const auto patched =
      call("PATCH", "/api/v1/services/" + id + "/", R"({"description":"cache","owner_team":null})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const auto after_patch = parse_json(patched.body);
  EXPECT_STREQ(after_patch["description"].GetString(), "cache");
  EXPECT_TRUE(after_patch["owner_team"].IsNull());
  EXPECT_STREQ(after_patch["criticality"].GetString(), "TIER_1_CRITICAL");
  EXPECT_STREQ(after_patch["name"].GetString(), "redis-prod");

  // PUT replaces: what it leaves out gets its default.
  const auto replaced = call("PUT", "/api/v1/services/" + id + "/", R"({"name":"redis-main"})");
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  const auto after_put = parse_json(replaced.body);
  EXPECT_STREQ(after_put["name"].GetString(), "redis-main");
  EXPECT_STREQ(after_put["description"].GetString(), "");
  EXPECT_STREQ(after_put["criticality"].GetString(), "TIER_3_MEDIUM");
  EXPECT_TRUE(after_put["runbook_url"].IsNull());
  EXPECT_EQ(bad_field("PUT", "/api/v1/services/" + id + "/", R"({"description":"x"})"), "name");

  // A client may send back what it read: the answer's own fields are ignored, a
  // reference shown as {id, name} is taken for its id.
  const auto with_team = call("PATCH", "/api/v1/services/" + id + "/",
                              R"({"owner_team":{"id":")" + team + R"(","name":"Storage Team"}})");
  ASSERT_EQ(with_team.status, 200) << with_team.body;
  const auto sent_back = call("PUT", "/api/v1/services/" + id + "/", with_team.body);
  ASSERT_EQ(sent_back.status, 200) << sent_back.body;
  EXPECT_STREQ(parse_json(sent_back.body)["owner_team"]["id"].GetString(), team.c_str());

  EXPECT_EQ(call("DELETE", "/api/v1/services/" + id + "/").status, 204);
  EXPECT_EQ(call("GET", "/api/v1/services/" + id + "/").status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/services/" + id + "/").status, 404);
}

TEST_F(IncidentCatalog, TheTrailingSlashTellsTheCatalogFromTheTaskPlatformsServiceList) {
  const auto catalog = parse_json(call("GET", "/api/v1/services/").body);
  EXPECT_TRUE(catalog.HasMember("count") && catalog.HasMember("results"));
  const auto tasks = call("GET", "/api/v1/services");
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  EXPECT_FALSE(parse_json(tasks.body).HasMember("count")) << tasks.body;
}

TEST_F(IncidentCatalog, EveryBadServiceFieldIsA400NamingIt) {
  const std::string path = "/api/v1/services/";
  EXPECT_EQ(bad_field("POST", path, R"({"description":"no name"})"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":""})"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"   "})"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":null})"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":42})"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":["a"]})"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"a\u0000b"})"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":")" + std::string(10000, 'n') + "\"}"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":")" + std::string(201, 'n') + "\"}"), "name");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","description":null})"), "description");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","description":{"a":1}})"), "description");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","owner_team":"not-a-uuid"})"), "owner_team");
  EXPECT_EQ(
      bad_field("POST", path, R"({"name":"s","owner_team":")" + std::string(kUnknownId) + "\"}"),
      "owner_team");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","criticality":"TIER_9"})"), "criticality");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","criticality":1})"), "criticality");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","runbook_url":"ftp://x.example.com"})"),
            "runbook_url");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","runbook_url":"https://a b"})"), "runbook_url");
  EXPECT_EQ(bad_field("POST", path,
                      R"({"name":"s","runbook_url":"https://x.example.com/)" +
                          std::string(2000, 'p') + "\"}"),
            "runbook_url");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"s","colour":"red"})"), "colour");
  // Every problem at once.
  const auto all =
      bad_fields(call("POST", path, R"({"name":"","criticality":"x","owner_team":1})"));
  EXPECT_EQ(all, (std::vector<std::string>{"name", "owner_team", "criticality"}));
  // Not an object, not JSON, too deep: 400, never 500.
  EXPECT_EQ(call("POST", path, "[]").status, 400);
  EXPECT_EQ(call("POST", path, "{nope").status, 400);
  EXPECT_EQ(call("POST", path, std::string(200, '[') + std::string(200, ']')).status, 400);
  EXPECT_EQ(call("GET", path + "?criticality=TIER_9").status, 400);
  EXPECT_EQ(call("GET", path + "?owner_team=nope").status, 400);
  EXPECT_EQ(call("GET", path + "?search=%00").status, 400);
  EXPECT_EQ(call("GET", path + "?page=0").status, 400);
  EXPECT_EQ(call("GET", path + "?page_size=101").status, 400);
  EXPECT_EQ(call("GET", path + "?page=99999999999999999999").status, 400);
}

TEST_F(IncidentCatalog, DuplicateNamesAreConflictsWithoutCase) {
  create("/api/v1/services/", R"({"name":"Payments API"})");
  const auto service = call("POST", "/api/v1/services/", R"({"name":"payments api"})");
  EXPECT_EQ(service.status, 409);
  EXPECT_EQ(service.body, R"({"error":"A service with this name already exists."})");
  create("/api/v1/tags/", R"({"name":"Customer-Impact"})");
  const auto tag = call("POST", "/api/v1/tags/", R"({"name":"CUSTOMER-IMPACT"})");
  EXPECT_EQ(tag.status, 409);
  EXPECT_EQ(tag.body, R"({"error":"A tag with this name already exists."})");
  // A name is read without its surrounding spaces, as an incident's tags/ reads
  // it: the same tag either way.
  EXPECT_EQ(call("POST", "/api/v1/tags/", R"({"name":"  customer-impact\t"})").status, 409);
  const auto padded = call("POST", "/api/v1/tags/", R"({"name":"  padded "})");
  ASSERT_EQ(padded.status, 201) << padded.body;
  EXPECT_STREQ(parse_json(padded.body)["name"].GetString(), "padded");
  create("/api/v1/teams/", R"({"name":"Core"})");
  EXPECT_EQ(call("POST", "/api/v1/teams/", R"({"name":"core"})").status, 409);
  create("/api/v1/impact-scopes/", R"({"name":"Data Loss Risk"})");
  EXPECT_EQ(call("POST", "/api/v1/impact-scopes/", R"({"name":"data loss risk"})").status, 409);
  // Renaming onto another's name is a conflict too; keeping one's own is not.
  const std::string other = create("/api/v1/tags/", R"({"name":"other"})");
  EXPECT_EQ(call("PATCH", "/api/v1/tags/" + other + "/", R"({"name":"customer-impact"})").status,
            409);
  EXPECT_EQ(call("PATCH", "/api/v1/tags/" + other + "/", R"({"name":"OTHER"})").status, 200);
}

TEST_F(IncidentCatalog, UnknownAndMalformedIdsAre404) {
  for (const char* collection : {"services", "teams", "impact-scopes", "runbooks", "tags"}) {
    for (const char* id : {kUnknownId, "nope", "1"}) {
      const std::string path = "/api/v1/" + std::string(collection) + "/" + id + "/";
      EXPECT_EQ(call("GET", path).status, 404) << path;
      EXPECT_EQ(call("PATCH", path, R"({"name":"x"})").status, 404) << path;
      EXPECT_EQ(call("DELETE", path).status, 404) << path;
    }
  }
  const auto missing = call("GET", std::string("/api/v1/teams/") + kUnknownId + "/");
  EXPECT_EQ(missing.body, R"({"error":"Team not found."})");
  EXPECT_EQ(
      call("PUT", std::string("/api/v1/runbooks/") + kUnknownId + "/", R"({"title":"x"})").status,
      404);
  EXPECT_EQ(
      call("POST", std::string("/api/v1/teams/") + kUnknownId + "/overrides/",
           R"({"user":1,"starts_at":"2026-01-01T00:00:00Z","ends_at":"2026-01-02T00:00:00Z"})")
          .status,
      404);
  EXPECT_EQ(call("GET", std::string("/api/v1/teams/") + kUnknownId + "/on-call/").status, 404);
}

TEST_F(IncidentCatalog, AServiceThatIncidentsNameCannotBeDeleted) {
  const std::string id = create("/api/v1/services/", R"({"name":"checkout"})");
  {
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    tx.exec_params0(
        "INSERT INTO incidents (id, short_id, title, severity, service_id, created_by, "
        "detected_at) "
        "VALUES (gen_random_uuid(), 'INC-CAT001', 'Checkout down', 'SEV1_CRITICAL', $1, "
        "'user:1', now())",
        id);
    tx.commit();
  }
  const auto refused = call("DELETE", "/api/v1/services/" + id + "/");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(call("GET", "/api/v1/services/" + id + "/").status, 200);
}

TEST_F(IncidentCatalog, ListsArePagedWithAbsoluteLinksAndFiltered) {
  const std::string team = create("/api/v1/teams/", R"({"name":"Paging Team"})");
  for (const char* name : {"page-a", "page-b", "page-c"}) {
    create("/api/v1/services/", R"({"name":")" + std::string(name) +
                                    R"(","criticality":"TIER_4_LOW","owner_team":")" + team +
                                    "\"}");
  }
  const std::string query = "/api/v1/services/?owner_team=" + team + "&page_size=2";
  const auto first = parse_json(call("GET", query).body);
  EXPECT_EQ(first["count"].GetInt(), 3);
  ASSERT_EQ(first["results"].Size(), 2u);
  EXPECT_STREQ(first["results"][0]["name"].GetString(), "page-a");
  EXPECT_TRUE(first["previous"].IsNull());
  const std::string next = first["next"].GetString();
  EXPECT_EQ(next.rfind("https://imas.example.com/api/v1/services/?", 0), 0u) << next;
  EXPECT_NE(next.find("page=2"), std::string::npos) << next;
  const auto second =
      parse_json(call("GET", next.substr(std::string("https://imas.example.com").size())).body);
  ASSERT_EQ(second["results"].Size(), 1u);
  EXPECT_STREQ(second["results"][0]["name"].GetString(), "page-c");
  EXPECT_TRUE(second["next"].IsNull());
  EXPECT_NE(std::string(second["previous"].GetString()).find("https://imas.example.com/"),
            std::string::npos);
  EXPECT_EQ(call("GET", query + "&page=3").status, 404);

  EXPECT_EQ(
      parse_json(call("GET", "/api/v1/services/?search=PAGE-&criticality=tier_4_low").body)["count"]
          .GetInt(),
      3);
  EXPECT_EQ(parse_json(call("GET", "/api/v1/services/?search=page-b").body)["count"].GetInt(), 1);
  EXPECT_EQ(parse_json(call("GET", "/api/v1/teams/?search=paging").body)["count"].GetInt(), 1);
  EXPECT_EQ(
      parse_json(call("GET", "/api/v1/tags/?search=nothing-like-this").body)["count"].GetInt(), 0);
}

TEST_F(IncidentCatalog, TeamsCarryTheirRotationAndWhoIsOnCall) {
  const std::int64_t alice = register_user("alice");
  const std::int64_t bob = register_user("bob");
  const auto created = call(
      "POST", "/api/v1/teams/",
      R"({"name":"SRE Core","slack_channel_id":"C0123456789","on_call":{"time_zone":"europe/paris",)"
      R"("rotation_start":"2026-03-23T09:00","shift_days":7,"members":[)" +
          std::to_string(alice) + "," + std::to_string(bob) + "]}}");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto team = parse_json(created.body);
  const std::string id = team["id"].GetString();
  EXPECT_STREQ(team["slack_channel_id"].GetString(), "C0123456789");
  EXPECT_TRUE(team["current_on_call"].IsObject()) << created.body;
  const auto& on_call = team["on_call"];
  EXPECT_STREQ(on_call["time_zone"].GetString(), "Europe/Paris");
  EXPECT_STREQ(on_call["rotation_start"].GetString(), "2026-03-23T09:00:00");
  ASSERT_EQ(on_call["members"].Size(), 2u);
  EXPECT_STREQ(on_call["members"][0]["username"].GetString(), "alice");
  EXPECT_STREQ(on_call["members"][1]["email"].GetString(), "bob@example.com");
  EXPECT_EQ(on_call["upcoming"].Size(), 4u);

  // Who is on call then: the rotation, an override over it, the rotation again.
  const std::string base = "/api/v1/teams/" + id;
  const auto at = [&](const std::string& when) {
    const auto body = parse_json(call("GET", base + "/on-call/?at=" + when).body);
    return body["user"].IsNull() ? std::string("nobody")
                                 : std::string(body["user"]["username"].GetString());
  };
  EXPECT_EQ(at("2026-03-23T07:59:00Z"), "nobody");
  EXPECT_EQ(at("2026-03-30T06:59:00Z"), "alice");
  EXPECT_EQ(at("2026-03-30T07:00:00Z"), "bob");  // 09:00 in Paris, summer time
  const auto made =
      call("POST", base + "/overrides/",
           R"({"user":)" + std::to_string(alice) +
               R"(,"starts_at":"2026-03-31T00:00:00+02:00","ends_at":"2026-04-01T00:00:00Z"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const auto made_override = parse_json(made.body);
  EXPECT_STREQ(made_override["starts_at"].GetString(), "2026-03-30T22:00:00.000Z");
  EXPECT_STREQ(made_override["user"]["username"].GetString(), "alice");
  EXPECT_EQ(at("2026-03-31T12:00:00Z"), "alice");
  EXPECT_EQ(at("2026-04-01T00:00:00Z"), "bob");
  const std::string override_id = made_override["id"].GetString();
  EXPECT_EQ(call("DELETE", base + "/overrides/" + override_id + "/").status, 204);
  EXPECT_EQ(at("2026-03-31T12:00:00Z"), "bob");
  EXPECT_EQ(call("DELETE", base + "/overrides/" + override_id + "/").status, 404);

  // Overrides' fields.
  const auto override_field = [&](const std::string& body) {
    return bad_field("POST", base + "/overrides/", body);
  };
  EXPECT_EQ(
      override_field(
          R"({"user":999999,"starts_at":"2026-01-01T00:00:00Z","ends_at":"2026-01-02T00:00:00Z"})"),
      "user");
  EXPECT_EQ(
      override_field(
          R"({"user":"alice","starts_at":"2026-01-01T00:00:00Z","ends_at":"2026-01-02T00:00:00Z"})"),
      "user");
  EXPECT_EQ(
      override_field(
          R"({"user":1,"starts_at":"2026-02-30T00:00:00Z","ends_at":"2026-03-02T00:00:00Z"})"),
      "starts_at");
  EXPECT_EQ(
      override_field(
          R"({"user":1,"starts_at":"2026-01-02T00:00:00Z","ends_at":"2026-01-01T00:00:00Z"})"),
      "ends_at");
  EXPECT_EQ(override_field(R"({"user":1,"starts_at":"2026-01-01T00:00:00Z"})"), "ends_at");
  EXPECT_EQ(call("GET", base + "/on-call/?at=yesterday").status, 400);
  EXPECT_EQ(call("GET", base + "/on-call/?at=2026-02-30T00:00:00Z").status, 400);

  // The list shows current_on_call but not the rotation; PATCH keeps what it does not name.
  const auto listed = parse_json(call("GET", "/api/v1/teams/?search=SRE").body);
  ASSERT_EQ(listed["count"].GetInt(), 1);
  EXPECT_TRUE(listed["results"][0].HasMember("current_on_call"));
  EXPECT_FALSE(listed["results"][0].HasMember("on_call"));
  const auto patched = call("PATCH", base + "/", R"({"on_call":{"shift_days":14}})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const auto after = parse_json(patched.body);
  EXPECT_EQ(after["on_call"]["shift_days"].GetInt(), 14);
  EXPECT_EQ(after["on_call"]["members"].Size(), 2u);
  EXPECT_STREQ(after["slack_channel_id"].GetString(), "C0123456789");
  // What a client read it may write back, nested users and all.
  const auto round_trip = call("PUT", base + "/", patched.body);
  ASSERT_EQ(round_trip.status, 200) << round_trip.body;
  EXPECT_EQ(parse_json(round_trip.body)["on_call"]["members"].Size(), 2u);
  const auto replaced = parse_json(call("PUT", base + "/", R"({"name":"SRE Core"})").body);
  EXPECT_TRUE(replaced["current_on_call"].IsNull());
  EXPECT_TRUE(replaced["slack_channel_id"].IsNull());
  EXPECT_EQ(replaced["on_call"]["members"].Size(), 0u);
  EXPECT_STREQ(replaced["on_call"]["time_zone"].GetString(), "UTC");
  EXPECT_EQ(call("DELETE", base + "/").status, 204);
  EXPECT_EQ(call("GET", base + "/").status, 404);
}

TEST_F(IncidentCatalog, EveryBadTeamFieldIsA400NamingIt) {
  const std::string path = "/api/v1/teams/";
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","slack_channel_id":"general"})"),
            "slack_channel_id");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","slack_channel_id":7})"), "slack_channel_id");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":"weekly"})"), "on_call");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"time_zone":"Mars/Olympus"}})"),
            "on_call.time_zone");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"time_zone":"UTC\u0000"}})"),
            "on_call.time_zone");
  EXPECT_EQ(bad_field("POST", path,
                      R"({"name":"t","on_call":{"rotation_start":"2026-03-23T09:00:00Z"}})"),
            "on_call.rotation_start");
  EXPECT_EQ(
      bad_field("POST", path, R"({"name":"t","on_call":{"rotation_start":"2026-02-30T09:00"}})"),
      "on_call.rotation_start");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"shift_days":0}})"),
            "on_call.shift_days");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"shift_days":367}})"),
            "on_call.shift_days");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"shift_days":1e300}})"),
            "on_call.shift_days");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"members":[999999]}})"),
            "on_call.members");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"members":["alice"]}})"),
            "on_call.members");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"members":[1,1]}})"),
            "on_call.members");
  std::string many = "[";
  for (int i = 1; i <= 101; ++i) many += (i > 1 ? "," : "") + std::to_string(i);
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"members":)" + many + "]}}"),
            "on_call.members");
  EXPECT_EQ(bad_field("POST", path, R"({"name":"t","on_call":{"weeks":2}})"), "on_call.weeks");
}

TEST_F(IncidentCatalog, RunbooksKeepTheirStepsInOrder) {
  const std::string service = create("/api/v1/services/", R"({"name":"redis-runbooks"})");
  const auto created = call(
      "POST", "/api/v1/runbooks/",
      R"({"title":"Redis Cluster Recovery","description":"Steps to recover a failed Redis cluster",)"
      R"("service":")" +
          service +
          R"(","steps":[)"
          R"({"title":"Check cluster status","description":"Verify the state of all nodes",)"
          R"("command":"redis-cli cluster info","expected_duration_minutes":2},)"
          R"({"title":"Identify failed nodes","command":"redis-cli cluster nodes | grep fail","is_critical":true}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto runbook = parse_json(created.body);
  const std::string id = runbook["id"].GetString();
  EXPECT_STREQ(runbook["service"]["name"].GetString(), "redis-runbooks");
  ASSERT_EQ(runbook["steps"].Size(), 2u);
  const auto& first = runbook["steps"][0];
  EXPECT_EQ(first["order"].GetInt(), 1);
  EXPECT_STREQ(first["command"].GetString(), "redis-cli cluster info");
  EXPECT_EQ(first["expected_duration_minutes"].GetInt(), 2);
  EXPECT_FALSE(first["is_critical"].GetBool());
  EXPECT_FALSE(first["requires_confirmation"].GetBool());
  EXPECT_TRUE(first["id"].IsString());
  EXPECT_EQ(runbook["steps"][1]["order"].GetInt(), 2);
  EXPECT_TRUE(runbook["steps"][1]["is_critical"].GetBool());
  EXPECT_TRUE(runbook["steps"][1]["expected_duration_minutes"].IsNull());

  const auto listed = parse_json(call("GET", "/api/v1/runbooks/?service=" + service).body);
  ASSERT_EQ(listed["count"].GetInt(), 1);
  EXPECT_EQ(listed["results"][0]["steps_count"].GetInt(), 2);
  EXPECT_EQ(parse_json(call("GET", "/api/v1/runbooks/?search=recovery").body)["count"].GetInt(), 1);

  // Steps given replace them all, in their `order`; without steps they stay.
  const auto reordered =
      call("PATCH", "/api/v1/runbooks/" + id + "/",
           R"({"steps":[{"title":"second","order":20},{"title":"first","order":10}]})");
  ASSERT_EQ(reordered.status, 200) << reordered.body;
  const auto after = parse_json(reordered.body);
  ASSERT_EQ(after["steps"].Size(), 2u);
  EXPECT_STREQ(after["steps"][0]["title"].GetString(), "first");
  EXPECT_EQ(after["steps"][1]["order"].GetInt(), 20);
  const auto renamed =
      parse_json(call("PATCH", "/api/v1/runbooks/" + id + "/", R"({"title":"Renamed"})").body);
  EXPECT_EQ(renamed["steps"].Size(), 2u);
  const auto replaced =
      parse_json(call("PUT", "/api/v1/runbooks/" + id + "/", R"({"title":"Bare"})").body);
  EXPECT_EQ(replaced["steps"].Size(), 0u);
  EXPECT_TRUE(replaced["service"].IsNull());

  const std::string path = "/api/v1/runbooks/";
  EXPECT_EQ(bad_field("POST", path, R"({"steps":[]})"), "title");
  EXPECT_EQ(
      bad_field("POST", path, R"({"title":"r","service":")" + std::string(kUnknownId) + "\"}"),
      "service");
  EXPECT_EQ(bad_field("POST", path, R"({"title":"r","steps":{}})"), "steps");
  EXPECT_EQ(bad_field("POST", path, R"({"title":"r","steps":[{"description":"no title"}]})"),
            "steps.0.title");
  EXPECT_EQ(
      bad_field("POST", path, R"({"title":"r","steps":[{"title":"a"},{"title":"b","order":1}]})"),
      "steps.1.order");
  EXPECT_EQ(bad_field("POST", path, R"({"title":"r","steps":[{"title":"a","is_critical":"yes"}]})"),
            "steps.0.is_critical");
  EXPECT_EQ(bad_field("POST", path,
                      R"({"title":"r","steps":[{"title":"a","expected_duration_minutes":-1}]})"),
            "steps.0.expected_duration_minutes");
  EXPECT_EQ(bad_field("POST", path, R"({"title":"r","steps":[{"title":"a","command":"x\u0000"}]})"),
            "steps.0.command");
  EXPECT_EQ(bad_field("POST", path, R"({"title":"r","steps":[7]})"), "steps.0");
  std::string many = R"({"title":"r","steps":[)";
  for (int i = 0; i < 201; ++i) many += std::string(i > 0 ? "," : "") + R"({"title":"s"})";
  EXPECT_EQ(bad_field("POST", path, many + "]}"), "steps");

  EXPECT_EQ(call("DELETE", "/api/v1/runbooks/" + id + "/").status, 204);
  EXPECT_EQ(call("GET", "/api/v1/runbooks/" + id + "/").status, 404);
}

TEST_F(IncidentCatalog, TagsHaveAColorAndImpactScopesADescription) {
  const auto tag =
      parse_json(call("POST", "/api/v1/tags/", R"({"name":"postmortem-required"})").body);
  EXPECT_STREQ(tag["color"].GetString(), "#6c757d");
  const std::string tag_id = tag["id"].GetString();
  const auto recolored = call("PATCH", "/api/v1/tags/" + tag_id + "/", R"({"color":"#dc3545"})");
  ASSERT_EQ(recolored.status, 200) << recolored.body;
  EXPECT_STREQ(parse_json(recolored.body)["color"].GetString(), "#dc3545");
  EXPECT_STREQ(parse_json(recolored.body)["name"].GetString(), "postmortem-required");
  for (const char* color :
       {R"("red")", R"("#dc354")", R"("#dc3545 ")", R"("#GGGGGG")", "12", "null"}) {
    EXPECT_EQ(
        bad_field("POST", "/api/v1/tags/", R"({"name":"c","color":)" + std::string(color) + "}"),
        "color")
        << color;
  }
  EXPECT_EQ(bad_field("POST", "/api/v1/tags/", R"({"name":")" + std::string(101, 't') + "\"}"),
            "name");
  EXPECT_EQ(call("PUT", "/api/v1/tags/" + tag_id + "/", R"({"name":"x"})").status, 405);
  EXPECT_EQ(call("DELETE", "/api/v1/tags/" + tag_id + "/").status, 204);

  const std::string scope =
      create("/api/v1/impact-scopes/", R"({"name":"Billing","description":"Invoices"})");
  const auto shown = parse_json(call("GET", "/api/v1/impact-scopes/" + scope + "/").body);
  EXPECT_STREQ(shown["description"].GetString(), "Invoices");
  EXPECT_STREQ(
      parse_json(call("PATCH", "/api/v1/impact-scopes/" + scope + "/", R"({"name":"Invoicing"})")
                     .body)["description"]
          .GetString(),
      "Invoices");
  EXPECT_STREQ(
      parse_json(call("PUT", "/api/v1/impact-scopes/" + scope + "/", R"({"name":"Invoicing"})")
                     .body)["description"]
          .GetString(),
      "");
  EXPECT_EQ(bad_field("PATCH", "/api/v1/impact-scopes/" + scope + "/", R"({"name":null})"), "name");
  EXPECT_GE(parse_json(call("GET", "/api/v1/impact-scopes/").body)["count"].GetInt(), 1);
  EXPECT_EQ(call("DELETE", "/api/v1/impact-scopes/" + scope + "/").status, 204);
}

TEST_F(IncidentCatalog, AUserReadsTheCatalogButOnlyAnAdminChangesIt) {
  const Headers user = user_headers("reader");
  const std::string tag = create("/api/v1/tags/", R"({"name":"readable"})");
  for (const char* collection : {"services", "teams", "impact-scopes", "runbooks", "tags"}) {
    const std::string path = "/api/v1/" + std::string(collection) + "/";
    EXPECT_EQ(call("GET", path, {}, user).status, 200) << path;
    const auto refused = call("POST", path, R"({"name":"x","title":"x"})", user);
    EXPECT_EQ(refused.status, 403) << path;
    EXPECT_TRUE(parse_json(refused.body).HasMember("error")) << refused.body;
    EXPECT_EQ(call("GET", path, {}, {}).status, 401) << path;
  }
  EXPECT_EQ(call("GET", "/api/v1/tags/" + tag + "/", {}, user).status, 200);
  EXPECT_EQ(call("PATCH", "/api/v1/tags/" + tag + "/", R"({"name":"y"})", user).status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/tags/" + tag + "/", {}, user).status, 403);
  EXPECT_EQ(
      call("PUT", std::string("/api/v1/services/") + kUnknownId + "/", R"({"name":"y"})", user)
          .status,
      403);
}

}  // namespace
}  // namespace switchyard::testing
