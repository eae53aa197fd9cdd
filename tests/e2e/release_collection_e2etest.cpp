// Cluster collection end to end (release-tracker-api.md, "Release Collection"):
// a whole stack pointed at a fake Kubernetes API server over HTTPS with its own
// CA (tests/support/fake_kube_api.py, recorded list answers). POST /api/collect
// records every container's image and digest; a rollout opens a new history
// entry; the listener's scheduler collects by itself every
// COLLECT_INTERVAL_SECONDS on the one leader; a cluster refusing the token is a
// 502, and a deployment without a cluster a 409.
#include <gtest/gtest.h>

#include "fake_cluster.hpp"
#include "json/json_fields.hpp"
#include "task_api_client.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

constexpr const char* kCurrent = "/api/releases/current?client_name=home&env_name=prod";

class ReleaseCollection : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_ = new FakeCluster("release_collection_e2e");
    stack_ = new TestStack({"release_collection_e2e",
                            1,
                            {{"KUBE_API_URL", cluster_->url()},
                             {"KUBE_TOKEN", FakeCluster::kToken},
                             {"KUBE_CA_FILE", cluster_->ca_file()},
                             {"CLIENT_NAME", "home"},
                             {"ENV_NAME", "prod"},
                             {"COLLECT_INTERVAL_SECONDS", "1"}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete cluster_;
    cluster_ = nullptr;
  }

  HttpResponse call(const std::string& method, const std::string& path) {
    return http_.request(method, path, {}, admin_headers());
  }
  // The current entry of one container, or null.
  static const rapidjson::Value* entry(const rapidjson::Document& current, const char* ns,
                                       const char* workload, const char* container) {
    if (!current.IsObject() || !current.HasMember("namespaces") ||
        !current["namespaces"].HasMember(ns)) {
      return nullptr;
    }
    for (const auto& e : current["namespaces"][ns].GetArray()) {
      if (std::string(e["workload_name"].GetString()) == workload &&
          std::string(e["container_name"].GetString()) == container) {
        return &e;
      }
    }
    return nullptr;
  }

  static FakeCluster* cluster_;
  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
};

FakeCluster* ReleaseCollection::cluster_ = nullptr;
TestStack* ReleaseCollection::stack_ = nullptr;

TEST_F(ReleaseCollection, RecordsEveryContainerWithItsDigest) {
  const auto response = call("POST", "/api/collect");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto summary = parse_json(response.body);
  EXPECT_STREQ(summary["status"].GetString(), "success");
  EXPECT_STREQ(summary["client_name"].GetString(), "home");
  EXPECT_STREQ(summary["env_name"].GetString(), "prod");
  EXPECT_EQ(summary["collected"].GetInt(), 6);
  // Scaled to zero: no pod reports the digest of its image.
  ASSERT_EQ(summary["skipped"].Size(), 1u) << response.body;
  EXPECT_STREQ(summary["skipped"][0]["workload_name"].GetString(), "batch");

  const auto current = parse_json(call("GET", kCurrent).body);
  EXPECT_EQ(current["total"].GetInt(), 6);
  const auto* nginx = entry(current, "production", "web-app", "nginx");
  ASSERT_NE(nginx, nullptr) << json::to_text(current);
  EXPECT_STREQ((*nginx)["workload_type"].GetString(), "Deployment");
  EXPECT_STREQ((*nginx)["image_repo"].GetString(), "docker.io");
  EXPECT_STREQ((*nginx)["image_name"].GetString(), "nginx");
  EXPECT_STREQ((*nginx)["image_tag"].GetString(), "1.21.0");
  EXPECT_STREQ((*nginx)["image_sha"].GetString(),
               "sha256:c0b10b1f6af8e59627bdede5c49dc1ee7aa69493a8a6a2c1b3c5c4eaf39d4801");
  const auto* postgres = entry(current, "production", "postgres", "postgres");
  ASSERT_NE(postgres, nullptr);
  EXPECT_STREQ((*postgres)["workload_type"].GetString(), "StatefulSet");
  const auto* fluent = entry(current, "monitoring", "fluent-bit", "fluent-bit");
  ASSERT_NE(fluent, nullptr);
  EXPECT_STREQ((*fluent)["workload_type"].GetString(), "DaemonSet");
  EXPECT_STREQ((*fluent)["image_repo"].GetString(), "cr.fluentbit.io");
  EXPECT_STREQ((*fluent)["image_name"].GetString(), "fluent/fluent-bit");
  // Mid-rollout, the new ReplicaSet's image is the release, not the old pod's.
  const auto* worker = entry(current, "staging", "worker", "worker");
  ASSERT_NE(worker, nullptr);
  EXPECT_STREQ((*worker)["image_tag"].GetString(), "1.1");
  EXPECT_STREQ((*worker)["image_sha"].GetString(),
               "sha256:9f550d48cc3a90e2ce1a4a27e904e56ae7309210b3e72b173672adef4a91c18f");
  const auto* pinned = entry(current, "production", "api", "api");
  ASSERT_NE(pinned, nullptr);
  EXPECT_STREQ((*pinned)["image_repo"].GetString(), "registry.example.com:5000");
  EXPECT_STREQ((*pinned)["image_tag"].GetString(), "2.3.1");
}

TEST_F(ReleaseCollection, ARolloutOpensANewHistoryEntry) {
  ASSERT_EQ(call("POST", "/api/collect").status, 200);
  const std::string new_digest =
      "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  cluster_->edit_fixture(
      "pods.json", "nginx@sha256:c0b10b1f6af8e59627bdede5c49dc1ee7aa69493a8a6a2c1b3c5c4eaf39d4801",
      "nginx@" + new_digest);
  cluster_->edit_fixture("pods.json", "\"nginx:1.21.0\"", "\"nginx:1.22.0\"");
  cluster_->edit_fixture("deployments.json", "\"nginx:1.21.0\"", "\"nginx:1.22.0\"");
  const auto response = call("POST", "/api/collect");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto history =
      parse_json(call("GET", "/api/releases/history/home/prod/production/web-app/nginx").body);
  ASSERT_EQ(history["total"].GetInt(), 2) << json::to_text(history);
  EXPECT_STREQ(history["releases"][0]["image_tag"].GetString(), "1.22.0");
  EXPECT_EQ(history["releases"][0]["image_sha"].GetString(), new_digest);
  EXPECT_STREQ(history["releases"][1]["image_tag"].GetString(), "1.21.0");
}

TEST_F(ReleaseCollection, TheSchedulerCollectsByItselfOnOneLeader) {
  // A second listener competes for the scheduler's lease.
  auto second = stack_->start_process("switchyard-listener", "listener-2");
  cluster_->edit_fixture(
      "pods.json",
      "acme/worker@sha256:9f550d48cc3a90e2ce1a4a27e904e56ae7309210b3e72b173672adef4a91c18f",
      "acme/worker@sha256:2222222222222222222222222222222222222222222222222222222222222222");
  cluster_->edit_fixture("pods.json", "\"acme/worker:1.1\"", "\"acme/worker:1.2\"");
  cluster_->edit_fixture("deployments.json", "\"acme/worker:1.1\"", "\"acme/worker:1.2\"");
  // No POST: the interval is one second.
  ASSERT_TRUE(eventually([&] {
    const auto current = parse_json(call("GET", kCurrent).body);
    const auto* worker = entry(current, "staging", "worker", "worker");
    return worker != nullptr && std::string((*worker)["image_tag"].GetString()) == "1.2";
  })) << "no periodic collection saw the rollout";
  const std::string leader = "this listener is the leader";
  const auto count = [&](const std::string& log) {
    std::size_t n = 0;
    for (auto at = log.find(leader); at != std::string::npos; at = log.find(leader, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(stack_->listener().log()) + count(second->log()), 1u);
}

TEST_F(ReleaseCollection, AClusterRefusingTheTokenIsABadGateway) {
  cluster_->fail_with(401);
  const auto response = call("POST", "/api/collect");
  cluster_->fail_with(0);
  EXPECT_EQ(response.status, 502) << response.body;
  const auto body = parse_json(response.body);
  EXPECT_STREQ(body["error"]["code"].GetString(), "UPSTREAM_ERROR");
  EXPECT_NE(std::string(body["error"]["message"].GetString()).find("401"), std::string::npos)
      << response.body;
  EXPECT_EQ(std::string(response.body).find(FakeCluster::kToken), std::string::npos);
}

TEST_F(ReleaseCollection, WithoutAClusterTheEndpointSaysSo) {
  auto env = stack_->environment();
  env.erase("KUBE_API_URL");
  env["API_PORT"] = std::to_string(free_port());
  ChildProcess api(build_dir() + "/switchyard-api", {}, env,
                   build_dir() + "/test-logs/release_collection_e2e-api-no-cluster.log");
  HttpClient other("http://127.0.0.1:" + env["API_PORT"]);
  ASSERT_TRUE(eventually([&] { return other.request("GET", "/health").status == 200; }));
  const auto response = other.request("POST", "/api/collect", {}, admin_headers());
  EXPECT_EQ(response.status, 409) << response.body;
  EXPECT_NE(response.body.find("KUBE_API_URL"), std::string::npos) << response.body;
}

}  // namespace
}  // namespace switchyard::testing
