// Master and slave side by side (release-tracker-api.md, "Master/Slave
// Configuration"): two whole stacks, each with its own database and vhost. The
// slave (MODE=slave) records releases locally and forwards each one to the
// master with its master key, and pings it; the master shows the slave's
// releases and its ping status. While the master is down nothing is lost: the
// releases wait in the slave's outbox and arrive, in order, once it is back.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "json/json_fields.hpp"
#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"
#include "version.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;

// sha256("edge-key"): the master's key for the slave's client "edge".
constexpr const char* kMasterClientsYaml = R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
  - name: edge
    sha256: 3a8fe62dc2c03289dde0735d5c2b8c9eeecff6baaa4b97263af060df9f860bfe
    role: client
    client: edge
)";

class MasterSlave : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kMasterClientsYaml);
    master_ =
        new TestStack({"ms_master",
                       1,
                       {{"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()},
                        {"MODE", "master"},
                        {"CLIENT_NAME", "hq"},
                        {"ENV_NAME", "prod"}}});
    slave_ = new TestStack({"ms_slave",
                            1,
                            {{"MODE", "slave"},
                             {"MASTER_URL", master_->base_url()},
                             {"MASTER_API_KEY", "edge-key"},
                             {"CLIENT_NAME", "edge"},
                             {"ENV_NAME", "prod"},
                             {"PING_INTERVAL_SECONDS", "1"}}});
  }
  static void TearDownTestSuite() {
    restarted_api_.reset();
    delete slave_;
    slave_ = nullptr;
    delete master_;
    master_ = nullptr;
    delete config_dir_;
    config_dir_ = nullptr;
  }

  static HttpResponse record_on_slave(const std::string& path, const std::string& body) {
    HttpClient slave(slave_->base_url());
    return slave.request("PUT", "/api/collect/" + path, body, admin_headers());
  }
  static rapidjson::Document master_get(const std::string& path) {
    HttpClient master(master_->base_url());
    const auto response = master.request("GET", path, {}, admin_headers());
    return parse_json(response.status == 200 ? response.body : "{}");
  }
  static std::int64_t slave_outbox(const std::string& condition = "refused_at IS NULL") {
    pqxx::connection db(slave_->database_url());
    pqxx::nontransaction tx(db);
    return tx.exec1("SELECT count(*) FROM release_forwards WHERE " + condition)[0]
        .as<std::int64_t>();
  }

  static TempDir* config_dir_;
  static TestStack* master_;
  static TestStack* slave_;
  static std::unique_ptr<ChildProcess> restarted_api_;  // the master's, after its outage
};

TempDir* MasterSlave::config_dir_ = nullptr;
TestStack* MasterSlave::master_ = nullptr;
TestStack* MasterSlave::slave_ = nullptr;
std::unique_ptr<ChildProcess> MasterSlave::restarted_api_;

TEST_F(MasterSlave, TheMasterSeesTheSlavesReleasesWithTheSameHistory) {
  ASSERT_EQ(record_on_slave("shop/Deployment/cart/app",
                            R"({"image_tag":"1.0","image_sha":"sha256:c1",
                                "released_at":"2024-03-01T10:00:00Z"})")
                .status,
            200);
  ASSERT_EQ(record_on_slave("shop/Deployment/cart/app",
                            R"({"image_tag":"1.1","image_sha":"sha256:c2",
                                "released_at":"2024-03-02T10:00:00Z"})")
                .status,
            200);
  // The slave reports for its own client and environment (CLIENT_NAME, ENV_NAME).
  const std::string history = "/api/releases/history/edge/prod/shop/cart/app";
  ASSERT_TRUE(eventually([&] {
    const auto h = master_get(history);
    return h.IsObject() && h.HasMember("total") && h["total"].GetInt() == 2;
  })) << "the master never got both releases";
  const auto on_master = master_get(history);
  EXPECT_STREQ(on_master["releases"][0]["image_tag"].GetString(), "1.1");
  EXPECT_STREQ(on_master["releases"][0]["first_seen"].GetString(), "2024-03-02T10:00:00.000Z");
  EXPECT_STREQ(on_master["releases"][1]["image_tag"].GetString(), "1.0");
  EXPECT_STREQ(on_master["releases"][1]["last_seen"].GetString(), "2024-03-02T09:59:59.000Z");
  HttpClient slave(slave_->base_url());
  const auto on_slave = parse_json(slave.request("GET", history, {}, admin_headers()).body);
  EXPECT_EQ(json::to_text(on_slave["releases"]), json::to_text(on_master["releases"]));
  EXPECT_TRUE(eventually([] { return slave_outbox() == 0; }));
}

TEST_F(MasterSlave, TheSlavePingsItsMaster) {
  ASSERT_TRUE(eventually([] {
    const auto overview = master_get("/api/clients-environments");
    return overview.IsObject() && overview.HasMember("ping_statuses") &&
           overview["ping_statuses"].HasMember("edge") &&
           overview["ping_statuses"]["edge"].HasMember("prod");
  })) << "no ping from the slave reached the master";
  const auto overview = master_get("/api/clients-environments");
  const auto& status = overview["ping_statuses"]["edge"]["prod"];
  EXPECT_STREQ(status["status"].GetString(), "online");
  EXPECT_STREQ(status["slave_version"].GetString(), kVersion);
  // Master-only endpoints do not exist on the slave.
  HttpClient slave(slave_->base_url());
  EXPECT_EQ(slave.request("GET", "/api/clients-environments", {}, admin_headers()).status, 404);
}

TEST_F(MasterSlave, NothingIsLostWhileTheMasterIsDown) {
  master_->api().stop();
  for (int i = 0; i < 5; ++i) {
    const auto response = record_on_slave(
        "down/Deployment/svc" + std::to_string(i) + "/app",
        R"({"image_tag":"2.0","image_sha":"sha256:d)" + std::to_string(i) + R"("})");
    ASSERT_EQ(response.status, 200) << response.body;  // the slave itself is fine
  }
  // Attempts are made and fail; the releases wait in the outbox.
  ASSERT_TRUE(eventually([] { return slave_outbox("attempts > 0 AND refused_at IS NULL") >= 1; }));
  EXPECT_EQ(slave_outbox(), 5);

  restarted_api_ = master_->start_process("switchyard-api", "api-restarted");
  HttpClient master(master_->base_url());
  ASSERT_TRUE(eventually([&] { return master.request("GET", "/health").status == 200; }));
  ASSERT_TRUE(eventually(
      [] {
        const auto current = master_get("/api/releases/current?client_name=edge&env_name=prod");
        return current.IsObject() && current.HasMember("namespaces") &&
               current["namespaces"].HasMember("down") && current["namespaces"]["down"].Size() == 5;
      },
      std::chrono::seconds(90)))
      << "the releases recorded while the master was down never arrived";
  EXPECT_TRUE(eventually([] { return slave_outbox() == 0; }));
}

TEST_F(MasterSlave, AReleaseTheMasterRefusesIsSetAsideAndTheRestGoOn) {
  // The master's key for the slave is limited to client "edge": a release the
  // slave recorded for another client is refused (403), for good.
  ASSERT_EQ(record_on_slave("mixed/Deployment/other/app",
                            R"({"image_tag":"1","image_sha":"sha256:o","client_name":"other"})")
                .status,
            200);
  ASSERT_EQ(
      record_on_slave("mixed/Deployment/mine/app", R"({"image_tag":"1","image_sha":"sha256:m"})")
          .status,
      200);
  ASSERT_TRUE(eventually([] {
    const auto h = master_get("/api/releases/history/edge/prod/mixed/mine/app");
    return h.IsObject() && h.HasMember("total");
  }));
  EXPECT_TRUE(eventually([] {
    return slave_outbox(
               "refused_at IS NOT NULL AND last_error LIKE '%403%' AND "
               "workload_name = 'other'") == 1;
  }));
}

}  // namespace
}  // namespace switchyard::testing
