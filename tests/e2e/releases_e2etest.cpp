// The release tracker's first part end to end (release-tracker-api.md): manual
// collection and its history semantics, current and history views, client-key
// scoping, master endpoints (clients-environments, ping) and their 404 in other
// modes, configuration, and every badge state.
#include <gtest/gtest.h>

#include "child_process.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;

// sha256("acme-key") — a client key limited to client "acme"; sha256("badges-reader-key")
// — a reader key (releases:read only) limited to client "badges".
constexpr const char* kClientsYaml = R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
  - name: acme
    sha256: afacab3575137afa4e00d9cbcafcb14c9ae25f779d964eb0ea5b2c4eb5dfd163
    role: client
    client: acme
  - name: badges-reader
    sha256: 0435dc35cbca69121c2bbe0b1b3e3be21ef378ef7c637fb3b292e489e4071e32
    role: reader
    client: badges
)";

class Releases : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kClientsYaml);
    stack_ =
        new TestStack({"releases_e2e",
                       1,
                       {{"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()},
                        {"CLIENT_NAME", "home-cluster"},
                        {"ENV_NAME", "home-env"}}});
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
  static Headers acme() { return bearer("acme-key"); }
  static Headers bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}};
  }
  HttpResponse collect(const std::string& path, const std::string& body,
                       const Headers& headers = admin_headers()) {
    return call("PUT", "/api/collect/" + path, body, headers);
  }

  static TempDir* config_dir_;
  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
};

TempDir* Releases::config_dir_ = nullptr;
TestStack* Releases::stack_ = nullptr;

TEST_F(Releases, ManualCollectionAnswersTheDocumentedBody) {
  const auto response =
      collect("production/Deployment/web-app/nginx",
              R"({"image_tag":"1.21.0","image_sha":"sha256:abc123","image_repo":"docker.io",
                  "image_name":"nginx","released_at":"2023-12-01T10:30:00Z",
                  "client_name":"production-cluster","env_name":"prod"})");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  EXPECT_STREQ(body["status"].GetString(), "success");
  EXPECT_STREQ(body["component"]["workload_kind"].GetString(), "Deployment");
  EXPECT_STREQ(body["release"]["version"].GetString(), "1.21.0");
  EXPECT_STREQ(body["release"]["released_at"].GetString(), "2023-12-01T10:30:00Z");

  // Defaults: client and environment from the configuration, released_at now.
  const auto defaulted =
      collect("ops/DaemonSet/agent/agent", R"({"image_tag":"2","image_sha":"sha256:2"})");
  ASSERT_EQ(defaulted.status, 200) << defaulted.body;
  const auto current = parse_json(
      call("GET", "/api/releases/current?client_name=home-cluster&env_name=home-env").body);
  EXPECT_EQ(current["total"].GetInt(), 1);

  EXPECT_EQ(collect("ns/Deployment/w/c", R"({"image_sha":"sha256:x"})").status, 400);
  EXPECT_EQ(collect("ns/Deployment/w/c", R"({"image_tag":"1"})").status, 400);
  EXPECT_EQ(collect("ns/Deployment/w/c", "{not json").status, 400);
  EXPECT_EQ(
      collect("ns/Deployment/w/c", R"({"image_tag":"1","image_sha":"s","released_at":"later"})")
          .status,
      400);
  EXPECT_EQ(
      call("PUT", "/api/collect/ns/Deployment/w/c", R"({"image_tag":"1","image_sha":"s"})", {})
          .status,
      401);
  const auto impossible =
      collect("ns/Deployment/w/c",
              R"({"image_tag":"1","image_sha":"s","released_at":"2023-13-45T00:00:00Z"})");
  ASSERT_EQ(impossible.status, 400) << impossible.body;
  EXPECT_EQ(std::string(parse_json(impossible.body)["error"]["details"][0]["field"].GetString()),
            "released_at");
}

TEST_F(Releases, HistoryKeepsFirstSeenForTheSameImageAndClosesTheOldOne) {
  const std::string path = "default/Deployment/api/app";
  const std::string who = R"("client_name":"hist","env_name":"prod")";
  ASSERT_EQ(collect(path, R"({"image_tag":"1.20.0","image_sha":"sha256:old",)" + who +
                              R"(,"released_at":"2023-11-15T09:00:00Z"})")
                .status,
            200);
  ASSERT_EQ(collect(path, R"({"image_tag":"1.20.0","image_sha":"sha256:old",)" + who +
                              R"(,"released_at":"2023-11-20T09:00:00Z"})")
                .status,
            200);
  ASSERT_EQ(collect(path, R"({"image_tag":"1.21.0","image_sha":"sha256:new",)" + who +
                              R"(,"released_at":"2023-12-01T10:30:00Z"})")
                .status,
            200);
  const auto response = call("GET", "/api/releases/history/hist/prod/default/api/app");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto history = parse_json(response.body);
  ASSERT_EQ(history["total"].GetInt(), 2);
  const auto& newest = history["releases"][0];
  const auto& oldest = history["releases"][1];
  EXPECT_STREQ(newest["image_tag"].GetString(), "1.21.0");
  EXPECT_STREQ(oldest["image_tag"].GetString(), "1.20.0");
  EXPECT_EQ(std::string(oldest["first_seen"].GetString()).substr(0, 19), "2023-11-15T09:00:00");
  EXPECT_EQ(std::string(oldest["last_seen"].GetString()).substr(0, 19), "2023-12-01T10:29:59");
  EXPECT_EQ(call("GET", "/api/releases/history/hist/prod/default/api/nope").status, 404);

  const auto current =
      parse_json(call("GET", "/api/releases/current?client_name=hist&env_name=prod").body);
  ASSERT_EQ(current["total"].GetInt(), 1);
  EXPECT_STREQ(current["ordered_namespaces"][0].GetString(), "default");
  EXPECT_STREQ(current["namespaces"]["default"][0]["image_tag"].GetString(), "1.21.0");
  EXPECT_EQ(call("GET", "/api/releases/current?client_name=hist").status, 400);
}

TEST_F(Releases, ClientKeysSeeOnlyTheirClient) {
  ASSERT_EQ(
      collect("shop/Deployment/cart/app", R"({"image_tag":"3.0","image_sha":"sha256:c"})", acme())
          .status,
      200);
  EXPECT_EQ(
      call("GET", "/api/releases/current?client_name=acme&env_name=home-env", {}, acme()).status,
      200);
  EXPECT_EQ(call("GET", "/api/releases/current?client_name=hist&env_name=prod", {}, acme()).status,
            403);
  EXPECT_EQ(call("GET", "/api/releases/history/hist/prod/default/api/app", {}, acme()).status, 403);
  EXPECT_EQ(collect("x/Deployment/y/z",
                    R"({"image_tag":"1","image_sha":"s","client_name":"other"})", acme())
                .status,
            403);
  const auto overview = parse_json(call("GET", "/api/clients-environments", {}, acme()).body);
  EXPECT_TRUE(overview["clients_environments"].HasMember("acme"));
  EXPECT_FALSE(overview["clients_environments"].HasMember("hist"));
  const auto config = parse_json(call("GET", "/api/config", {}, acme()).body);
  EXPECT_FALSE(config["api_key_type"]["is_admin"].GetBool());
  EXPECT_STREQ(config["api_key_type"]["authenticated_client"].GetString(), "acme");
}

TEST_F(Releases, ReaderKeysOnlyReadReleases) {
  ASSERT_EQ(collect("one/Deployment/shown/web",
                    R"({"image_tag":"v9","image_sha":"sha256:9","client_name":"badges",)"
                    R"("env_name":"prod"})")
                .status,
            200);
  const Headers file_reader = bearer("badges-reader-key");
  EXPECT_EQ(
      call("GET", "/api/releases/current?client_name=badges&env_name=prod", {}, file_reader).status,
      200);
  EXPECT_EQ(call("GET", "/api/releases/history/badges/prod/one/shown/web", {}, file_reader).status,
            200);
  EXPECT_EQ(call("GET", "/api/releases/current?client_name=acme&env_name=home-env", {}, file_reader)
                .status,
            403);
  EXPECT_EQ(
      collect("one/Deployment/shown/web",
              R"({"image_tag":"v10","image_sha":"sha256:10","client_name":"badges"})", file_reader)
          .status,
      403);
  EXPECT_EQ(call("POST", "/api/ping", R"({"client_name":"badges","env_name":"prod"})", file_reader)
                .status,
            403);
  EXPECT_EQ(call("GET", "/api/v1/tasks", {}, file_reader).status, 403);
  const auto badge =
      http_.request("GET", "/badges/badges-reader-key/badges/prod/Deployment/shown/web");
  EXPECT_NE(badge.body.find("v9"), std::string::npos) << badge.body;

  // One made at run time without a client reads every client, and still writes nothing.
  const auto created = call("POST", "/admin/api-keys", R"({"name":"dashboard","role":"reader"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto doc = parse_json(created.body);
  EXPECT_STREQ(doc["role"].GetString(), "reader");
  EXPECT_TRUE(doc["client"].IsNull());
  const Headers dashboard = bearer(doc["key"].GetString());
  EXPECT_TRUE(eventually([&] {
    return call("GET", "/api/releases/current?client_name=badges&env_name=prod", {}, dashboard)
               .status == 200;
  }));
  EXPECT_EQ(
      call("GET", "/api/releases/current?client_name=acme&env_name=home-env", {}, dashboard).status,
      200);
  EXPECT_EQ(collect("one/Deployment/shown/web", R"({"image_tag":"v10","image_sha":"sha256:10"})",
                    dashboard)
                .status,
            403);
  const auto me = parse_json(call("GET", "/auth/me", {}, dashboard).body);
  EXPECT_STREQ(me["roles"][0].GetString(), "reader");
}

TEST_F(Releases, PathAndQueryParametersArePercentDecoded) {
  ASSERT_EQ(collect("team%20a/Deployment/web%2Dapp/side%2Fcar",
                    R"({"image_tag":"1.0","image_sha":"sha256:e","client_name":"acme eu",)"
                    R"("env_name":"prod"})")
                .status,
            200);
  const auto history =
      call("GET", "/api/releases/history/acme%20eu/prod/team%20a/web-app/side%2Fcar");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_STREQ(parse_json(history.body)["component"]["namespace"].GetString(), "team a");
  const auto current =
      parse_json(call("GET", "/api/releases/current?client_name=acme+eu&env_name=prod").body);
  ASSERT_EQ(current["total"].GetInt(), 1);
  EXPECT_STREQ(current["namespaces"]["team a"][0]["container_name"].GetString(), "side/car");
  const auto badge =
      http_.request("GET", "/badges/dev-admin-key/acme%20eu/prod/Deployment/web-app/side%2Fcar");
  EXPECT_NE(badge.body.find("1.0"), std::string::npos) << badge.body;

  // Bytes that are not text: a 400 naming the parameter, and a red badge.
  const auto bad = collect("ns%FF/Deployment/w/c", R"({"image_tag":"1","image_sha":"s"})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_STREQ(parse_json(bad.body)["error"]["details"][0]["field"].GetString(), "namespace");
  EXPECT_EQ(call("GET", "/api/releases/current?client_name=%00&env_name=prod").status, 400);
  const auto red = http_.request("GET", "/badges/dev-admin-key/a%FF/prod/Deployment/w/c");
  EXPECT_EQ(red.status, 200);
  EXPECT_EQ(red.header("content-type"), "image/svg+xml");
  EXPECT_NE(red.body.find("#e05d44"), std::string::npos) << red.body;
}

TEST_F(Releases, PingsShowOnlineAndTheOverviewCountsEverything) {
  const auto ping = call("POST", "/api/ping",
                         R"({"client_name":"edge","env_name":"prod","slave_version":"v1.0.0"})");
  ASSERT_EQ(ping.status, 200) << ping.body;
  EXPECT_STREQ(parse_json(ping.body)["status"].GetString(), "ok");
  const auto overview = parse_json(call("GET", "/api/clients-environments").body);
  EXPECT_STREQ(overview["ping_statuses"]["edge"]["prod"]["status"].GetString(), "online");
  EXPECT_TRUE(overview["ping_statuses"]["edge"]["prod"].HasMember("last_ping"));
  EXPECT_GE(overview["statistics"]["total_clients"].GetInt(), 2);
  EXPECT_EQ(call("POST", "/api/ping", R"({"client_name":"edge"})").status, 400);
  const auto config = parse_json(call("GET", "/api/config").body);
  EXPECT_STREQ(config["mode"].GetString(), "master");
  EXPECT_STREQ(config["client_name"].GetString(), "home-cluster");
  EXPECT_TRUE(config["api_key_type"]["is_admin"].GetBool());
}

TEST_F(Releases, BadgeStates) {
  const std::string who = R"("client_name":"badges","env_name":"prod")";
  collect("one/Deployment/solo/web",
          R"({"image_tag":"v1.2.3","image_sha":"sha256:1",)" + who + "}");
  collect("a/Deployment/twin/web", R"({"image_tag":"v1","image_sha":"sha256:a",)" + who + "}");
  collect("b/Deployment/twin/web", R"({"image_tag":"v2","image_sha":"sha256:b",)" + who + "}");
  auto badge = [&](const std::string& key, const std::string& rest) {
    const auto response = http_.request("GET", "/badges/" + key + "/badges/prod/" + rest);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("content-type"), "image/svg+xml");
    EXPECT_NE(response.header("cache-control"), "");
    return response.body;
  };
  const std::string green = badge("dev-admin-key", "Deployment/solo/web");
  EXPECT_NE(green.find("v1.2.3"), std::string::npos);
  EXPECT_NE(green.find("#4c1"), std::string::npos);
  EXPECT_NE(badge("dev-admin-key", "Deployment/ghost/web").find("#9f9f9f"), std::string::npos);
  EXPECT_NE(badge("dev-admin-key", "Deployment/twin/web").find("#dfb317"), std::string::npos);
  const std::string red = badge("wrong-key", "Deployment/solo/web");
  EXPECT_NE(red.find("#e05d44"), std::string::npos);
  EXPECT_EQ(red.find("v1.2.3"), std::string::npos);
  EXPECT_NE(badge("acme-key", "Deployment/solo/web").find("#e05d44"),
            std::string::npos);  // not its client
}

TEST_F(Releases, MasterEndpointsAnswer404InOtherModes) {
  auto env = stack_->environment();
  env["API_PORT"] = std::to_string(free_port());
  env["MODE"] = "master-only";
  ChildProcess api(build_dir() + "/switchyard-api", {}, env,
                   build_dir() + "/test-logs/releases_e2e-api-master-only.log");
  HttpClient other("http://127.0.0.1:" + env["API_PORT"]);
  ASSERT_TRUE(eventually([&] { return other.request("GET", "/health").status == 200; }));
  EXPECT_EQ(other.request("GET", "/api/clients-environments", {}, admin_headers()).status, 404);
  EXPECT_EQ(
      other.request("POST", "/api/ping", R"({"client_name":"a","env_name":"b"})", admin_headers())
          .status,
      404);
  // Master-only serves its own cluster: no filter needed.
  const auto current = other.request("GET", "/api/releases/current", {}, admin_headers());
  EXPECT_EQ(current.status, 200) << current.body;
  EXPECT_GE(parse_json(current.body)["total"].GetInt(), 1);
}

}  // namespace
}  // namespace switchyard::testing
