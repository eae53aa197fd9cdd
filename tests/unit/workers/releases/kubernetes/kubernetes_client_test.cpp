// ClusterClient (workers/releases/kubernetes/cluster_client.hpp) against the fake Kubernetes API
// server (tests/support/fake_kube_api.py) over HTTPS with a throwaway CA: the snapshot
// of the recorded cluster, pagination, the namespace filter, token rotation, deadlines
// and which failures are retryable. Each test starts its own server on a free port.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "fake_cluster.hpp"
#include "recorded_cluster.hpp"
#include "releases/kubernetes/cluster_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"

namespace switchyard::kubernetes {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using testing::FakeCluster;
using testing::TempDir;

constexpr const char* kToken = FakeCluster::kToken;
constexpr const char* kLog = "kubernetes_client_test";

// Replaces `path` at once (write, then rename), so the server never reads half a file.
void write_text(const fs::path& path, const std::string& text) {
  const fs::path temporary = path.string() + ".tmp";
  std::ofstream(temporary, std::ios::binary | std::ios::trunc) << text;
  fs::rename(temporary, path);
}

std::size_t count_containing(const std::vector<std::string>& lines, const std::string& needle) {
  std::size_t n = 0;
  for (const auto& line : lines) n += line.find(needle) != std::string::npos ? 1 : 0;
  return n;
}

// The KubernetesError collect() throws; fails the test when it returns.
std::optional<KubernetesError> collect_error(const config::KubernetesAccess& access,
                                             Clock::duration budget = 5s) {
  try {
    ClusterClient(access).collect(Clock::now() + budget);
  } catch (const KubernetesError& e) {
    EXPECT_EQ(std::string(e.what()).find(kToken), std::string::npos) << e.what();
    return e;
  }
  ADD_FAILURE() << "collect() did not throw";
  return std::nullopt;
}

void expect_same(const ClusterSnapshot& actual, const ClusterSnapshot& expected) {
  EXPECT_EQ(actual.images, expected.images);
  EXPECT_EQ(actual.skipped, expected.skipped);
}

class KubernetesClient : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(KubernetesClient, CollectsTheRecordedClusterOverHttps) {
  FakeCluster api(kLog);
  const ClusterSnapshot expected = testing::recorded_cluster_snapshot();
  ASSERT_EQ(expected.images.size(), 6u);
  ASSERT_EQ(expected.skipped.size(), 1u);

  expect_same(ClusterClient(api.access()).collect(Clock::now() + 5s), expected);

  const auto requests = api.requests();
  EXPECT_EQ(requests, (std::vector<std::string>{
                          "GET /apis/apps/v1/deployments?limit=500 200",
                          "GET /apis/apps/v1/statefulsets?limit=500 200",
                          "GET /apis/apps/v1/daemonsets?limit=500 200",
                          "GET /apis/apps/v1/replicasets?limit=500 200",
                          "GET /api/v1/pods?limit=500 200",
                      }));
}

TEST_F(KubernetesClient, FollowsContinueTokensToTheLastPage) {
  FakeCluster api(kLog, 2);
  expect_same(ClusterClient(api.access()).collect(Clock::now() + 5s),
              testing::recorded_cluster_snapshot());

  const auto requests = api.requests();
  // 11 pods at 2 a page: 6 pages, every one after the first with a continue token.
  EXPECT_EQ(count_containing(requests, "GET /api/v1/pods?"), 6u);
  EXPECT_EQ(count_containing(requests, "GET /api/v1/pods?limit=500&continue="), 5u);
  EXPECT_EQ(count_containing(requests, " 200"), requests.size());
}

TEST_F(KubernetesClient, NamespacesAreListedThroughNamespacedPathsOnly) {
  FakeCluster api(kLog);
  auto access = api.access();
  access.namespaces = {"staging", "monitoring", "staging"};
  const ClusterSnapshot snapshot = ClusterClient(access).collect(Clock::now() + 5s);

  std::vector<std::string> workloads;
  for (const auto& image : snapshot.images) {
    workloads.push_back(image.namespace_name + "/" + image.workload_name);
  }
  EXPECT_EQ(workloads, (std::vector<std::string>{"monitoring/fluent-bit", "staging/worker"}));
  EXPECT_TRUE(snapshot.skipped.empty());
  const auto requests = api.requests();
  EXPECT_EQ(requests.size(), 10u);  // 5 resources x 2 namespaces, the duplicate dropped
  EXPECT_EQ(count_containing(requests, "/namespaces/"), requests.size());
  EXPECT_EQ(count_containing(requests, "GET /api/v1/namespaces/staging/pods?limit=500 200"), 1u);
}

TEST_F(KubernetesClient, WrongTokenIsUnauthorizedAndNotRetryable) {
  FakeCluster api(kLog);
  auto access = api.access();
  access.token = "not-the-right-token-77";
  const auto error = collect_error(access);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status(), 401);
  EXPECT_FALSE(error->retryable());
  const std::string message = error->what();
  EXPECT_NE(message.find("HTTP 401: Unauthorized"), std::string::npos) << message;
  EXPECT_NE(message.find("/apis/apps/v1/deployments"), std::string::npos) << message;
  EXPECT_EQ(message.find("not-the-right-token-77"), std::string::npos) << message;
}

TEST_F(KubernetesClient, CertificateNotSignedByTheConfiguredCaIsRefused) {
  FakeCluster api(kLog);
  FakeCluster other(std::string(kLog) + "-other");
  auto access = api.access();
  access.ca_file = other.ca_file();
  auto error = collect_error(access);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status(), 0);
  EXPECT_FALSE(error->retryable());
  EXPECT_NE(std::string(error->what()).find("certificate"), std::string::npos) << error->what();

  access.ca_file.clear();  // the system CAs do not know the throwaway CA either
  error = collect_error(access);
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->retryable());
  EXPECT_TRUE(api.requests().empty());
}

TEST_F(KubernetesClient, StoppedServerIsRetryable) {
  FakeCluster api(kLog);
  api.stop();
  const auto error = collect_error(api.access());
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status(), 0);
  EXPECT_TRUE(error->retryable());
}

TEST_F(KubernetesClient, ServerErrorsAreRetryableAndForbiddenIsNot) {
  FakeCluster api(kLog);
  api.fail_with(503);
  auto error = collect_error(api.access());
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status(), 503);
  EXPECT_TRUE(error->retryable());
  EXPECT_NE(std::string(error->what()).find("failing on purpose with 503"), std::string::npos)
      << error->what();

  api.fail_with(429);
  error = collect_error(api.access());
  ASSERT_TRUE(error);
  EXPECT_TRUE(error->retryable());

  api.fail_with(403);
  error = collect_error(api.access());
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status(), 403);
  EXPECT_FALSE(error->retryable());
}

TEST_F(KubernetesClient, AnswerThatIsNotJsonIsNotRetryable) {
  FakeCluster api(kLog);
  api.write_fixture("statefulsets.json", "<html><body>502 Bad Gateway</body></html>");
  const auto error = collect_error(api.access());
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->retryable());
  EXPECT_NE(std::string(error->what()).find("/apis/apps/v1/statefulsets"), std::string::npos)
      << error->what();
}

TEST_F(KubernetesClient, TokenFileIsReadAgainAtEachCollection) {
  FakeCluster api(kLog);
  auto access = api.access();
  access.token.clear();
  access.token_file = (dir_.path() / "token").string();
  const ClusterClient client(access);

  write_text(access.token_file, std::string(kToken) + "\n");
  EXPECT_EQ(client.collect(Clock::now() + 5s).images.size(), 6u);

  write_text(access.token_file, "rotated-elsewhere\n");
  const auto error = collect_error(access);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status(), 401);
  try {
    client.collect(Clock::now() + 5s);
    ADD_FAILURE() << "the rotated token was not read";
  } catch (const KubernetesError& e) {
    EXPECT_EQ(e.http_status(), 401);
  }

  write_text(access.token_file, std::string("  ") + kToken + "\r\n");
  EXPECT_EQ(client.collect(Clock::now() + 5s).images.size(), 6u);

  fs::remove(access.token_file);
  const auto missing = collect_error(access);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->retryable());
  EXPECT_NE(std::string(missing->what()).find(access.token_file), std::string::npos);
}

TEST_F(KubernetesClient, DeadlineBoundsASlowServer) {
  FakeCluster api(kLog);
  api.delay_answers(3000ms);
  const auto started = Clock::now();
  const auto error = collect_error(api.access(), 300ms);
  const auto elapsed = Clock::now() - started;
  ASSERT_TRUE(error);
  EXPECT_TRUE(error->retryable());
  EXPECT_LT(elapsed, 2s);

  // A deadline already past: no request at all.
  api.delay_answers(0ms);
  const auto past = collect_error(api.access(), -1s);
  ASSERT_TRUE(past);
  EXPECT_TRUE(past->retryable());
  EXPECT_NE(std::string(past->what()).find("deadline"), std::string::npos) << past->what();
}

TEST_F(KubernetesClient, RolloutBetweenCollectionsIsSeen) {
  FakeCluster api(kLog);
  const ClusterClient client(api.access());
  const std::string old_digest =
      "sha256:c0b10b1f6af8e59627bdede5c49dc1ee7aa69493a8a6a2c1b3c5c4eaf39d4801";
  const std::string new_digest = "sha256:" + std::string(64, '7');
  auto nginx = [](const ClusterSnapshot& s) -> std::optional<ContainerImage> {
    for (const auto& image : s.images) {
      if (image.workload_name == "web-app" && image.container_name == "nginx") return image;
    }
    return std::nullopt;
  };
  ASSERT_EQ(nginx(client.collect(Clock::now() + 5s))->image_sha, old_digest);

  // The template changes first; no pod runs the new image yet.
  api.edit_fixture("deployments.json", "nginx:1.21.0", "nginx:1.22.0");
  const ClusterSnapshot rolling = client.collect(Clock::now() + 5s);
  EXPECT_FALSE(nginx(rolling));
  ASSERT_EQ(rolling.skipped.size(), 2u);
  EXPECT_EQ(rolling.skipped[1].container_name, "nginx");
  EXPECT_NE(rolling.skipped[1].reason.find("nginx:1.22.0"), std::string::npos);

  // Then the pods run it.
  api.edit_fixture("pods.json", "nginx:1.21.0", "nginx:1.22.0");
  api.edit_fixture("pods.json", old_digest, new_digest);
  const auto rolled = nginx(client.collect(Clock::now() + 5s));
  ASSERT_TRUE(rolled);
  EXPECT_EQ(rolled->image_tag, "1.22.0");
  EXPECT_EQ(rolled->image_sha, new_digest);
}

}  // namespace
}  // namespace switchyard::kubernetes
