// workload_images (workers/releases/kubernetes/workload_images.hpp): the recorded cluster in
// tests/fixtures/kubernetes gives exactly the expected images, and the ownership and
// digest rules hold on small hand-written lists.
#include "releases/kubernetes/workload_images.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <vector>

#include "recorded_cluster.hpp"

namespace switchyard::kubernetes {

namespace {

const std::string kNginx =
    "sha256:c0b10b1f6af8e59627bdede5c49dc1ee7aa69493a8a6a2c1b3c5c4eaf39d4801";
const std::string kStatsd =
    "sha256:7fa2539c3de652f09350c873992eed958c5115025a54a1094b77919b39b7efea";
const std::string kApi = "sha256:f5af2b4041ae08964fc125a3afa4d73ed4fb294e40f751c0af3d057a936ee7d4";
const std::string kPostgres =
    "sha256:42ceaa8cdeac7be92700e077c7b0850488d7cfe7bd197fcc164e863b9a975cc1";
const std::string kFluentBit =
    "sha256:434e404887fa0056d5ddedd9a5366ba269ed55d57277c8cfe30850a08363220c";
const std::string kWorker11 =
    "sha256:9f550d48cc3a90e2ce1a4a27e904e56ae7309210b3e72b173672adef4a91c18f";
const std::string kWorker10 =
    "sha256:e652594a09bc43bb5954c276a6e621bcb40fda3e4a55d719c6a42d8b79dbc103";

// Parsed list answers, kept alive for the item pointers in `lists`.
class Lists {
 public:
  // Adds the items of a List object given as JSON text to `target`.
  void add(const std::string& json, std::vector<const rapidjson::Value*> WorkloadLists::*target) {
    auto& doc = *docs_.emplace_back(std::make_unique<rapidjson::Document>());
    doc.Parse(json.c_str());
    ASSERT_FALSE(doc.HasParseError()) << json.substr(0, 200);
    ASSERT_TRUE(doc.HasMember("items") && doc["items"].IsArray());
    for (const auto& item : doc["items"].GetArray()) (lists.*target).push_back(&item);
  }

  WorkloadLists lists;

 private:
  std::vector<std::unique_ptr<rapidjson::Document>> docs_;
};

TEST(WorkloadImages, RecordedClusterGivesEveryImageWithItsDigest) {
  const ClusterSnapshot snapshot = testing::recorded_cluster_snapshot();
  const std::vector<ContainerImage> expected = {
      {"monitoring", "DaemonSet", "fluent-bit", "fluent-bit", "cr.fluentbit.io",
       "fluent/fluent-bit", "2.1.8", kFluentBit},
      {"production", "Deployment", "api", "api", "registry.example.com:5000", "team/api", "2.3.1",
       kApi},
      {"production", "Deployment", "web-app", "metrics", "quay.io", "prometheus/statsd-exporter",
       "v0.26.0", kStatsd},
      {"production", "Deployment", "web-app", "nginx", "docker.io", "nginx", "1.21.0", kNginx},
      {"production", "StatefulSet", "postgres", "postgres", "docker.io", "postgres", "15.4",
       kPostgres},
      {"staging", "Deployment", "worker", "worker", "docker.io", "acme/worker", "1.1", kWorker11},
  };
  EXPECT_EQ(snapshot.images, expected);
}

TEST(WorkloadImages, DeploymentScaledToZeroIsSkippedDespiteAStrayPodOfItsImage) {
  // production/batch-manual-run runs the same image without being owned by `batch`.
  const ClusterSnapshot snapshot = testing::recorded_cluster_snapshot();
  const std::vector<SkippedContainer> expected = {
      {"production", "Deployment", "batch", "batch",
       "no pod of the workload runs image registry.example.com:5000/team/batch:0.9.2 (scaled to "
       "zero, not started yet, or rolling out)"},
  };
  EXPECT_EQ(snapshot.skipped, expected);
}

TEST(WorkloadImages, RollingUpdateReportsOnlyTheNewImagesDigest) {
  const ClusterSnapshot snapshot = testing::recorded_cluster_snapshot();
  bool found = false;
  for (const auto& image : snapshot.images) {
    if (image.workload_name != "worker") continue;
    found = true;
    EXPECT_EQ(image.image_tag, "1.1");
    EXPECT_EQ(image.image_sha, kWorker11);
    EXPECT_NE(image.image_sha, kWorker10);
  }
  EXPECT_TRUE(found);
}

// --- Hand-written lists.

std::string list(const std::string& items) { return R"({"kind":"List","items":[)" + items + "]}"; }

std::string deployment(const std::string& ns, const std::string& name, const std::string& uid,
                       const std::string& containers) {
  return R"({"metadata":{"namespace":")" + ns + R"(","name":")" + name + R"(","uid":")" + uid +
         R"("},"spec":{"template":{"spec":{"containers":[)" + containers + "]}}}}";
}

std::string container(const std::string& name, const std::string& image) {
  return R"({"name":")" + name + R"(","image":")" + image + R"("})";
}

std::string owner(const std::string& kind, const std::string& name, const std::string& uid) {
  std::string ref = R"({"kind":")" + kind + R"(","name":")" + name + R"(","controller":true)";
  if (!uid.empty()) ref += R"(,"uid":")" + uid + R"(")";
  return ref + "}";
}

std::string replicaset(const std::string& ns, const std::string& name, const std::string& uid,
                       const std::string& owner_ref) {
  return R"({"metadata":{"namespace":")" + ns + R"(","name":")" + name + R"(","uid":")" + uid +
         R"(","ownerReferences":[)" + owner_ref + "]}}";
}

std::string pod(const std::string& ns, const std::string& name, const std::string& owner_ref,
                const std::string& container_name, const std::string& image,
                const std::string& image_id) {
  return R"({"metadata":{"namespace":")" + ns + R"(","name":")" + name +
         R"(","ownerReferences":[)" + owner_ref + R"(]},"spec":{"containers":[)" +
         container(container_name, image) + R"(]},"status":{"containerStatuses":[{"name":")" +
         container_name + R"(","imageID":")" + image_id + R"("}]}})";
}

std::string digest(char c) { return "sha256:" + std::string(64, c); }

TEST(WorkloadImages, PodsCountOnlyInTheirOwnNamespace) {
  Lists l;
  l.add(list(deployment("a", "app", "uid-a", container("c", "app:1")) + "," +
             deployment("b", "app", "uid-b", container("c", "app:1"))),
        &WorkloadLists::deployments);
  l.add(list(replicaset("a", "app-1", "rs-a", owner("Deployment", "app", "uid-a"))),
        &WorkloadLists::replicasets);
  l.add(list(pod("a", "app-1-x", owner("ReplicaSet", "app-1", "rs-a"), "c", "app:1",
                 "docker-pullable://app@" + digest('a'))),
        &WorkloadLists::pods);
  const auto snapshot = workload_images(l.lists);
  ASSERT_EQ(snapshot.images.size(), 1u);
  EXPECT_EQ(snapshot.images[0].namespace_name, "a");
  EXPECT_EQ(snapshot.images[0].image_sha, digest('a'));
  ASSERT_EQ(snapshot.skipped.size(), 1u);
  EXPECT_EQ(snapshot.skipped[0].namespace_name, "b");
}

TEST(WorkloadImages, OrphansOfARecreatedWorkloadDoNotCount) {
  // The ReplicaSet points at an older Deployment `app` (uid-old) than the listed one.
  Lists l;
  l.add(list(deployment("a", "app", "uid-new", container("c", "app:1"))),
        &WorkloadLists::deployments);
  l.add(list(replicaset("a", "app-1", "rs-1", owner("Deployment", "app", "uid-old"))),
        &WorkloadLists::replicasets);
  l.add(list(pod("a", "app-1-x", owner("ReplicaSet", "app-1", "rs-1"), "c", "app:1", digest('a'))),
        &WorkloadLists::pods);
  const auto snapshot = workload_images(l.lists);
  EXPECT_TRUE(snapshot.images.empty());
  ASSERT_EQ(snapshot.skipped.size(), 1u);
}

TEST(WorkloadImages, OwnerReferencesWithoutUidMatchByKindAndName) {
  Lists l;
  l.add(list(deployment("a", "db", "uid-db", container("c", "db:1"))),
        &WorkloadLists::statefulsets);
  l.add(list(pod("a", "db-0", owner("StatefulSet", "db", ""), "c", "db:1", digest('d')) + "," +
             pod("a", "db-1", owner("DaemonSet", "db", ""), "c", "db:1", digest('e'))),
        &WorkloadLists::pods);
  const auto snapshot = workload_images(l.lists);
  ASSERT_EQ(snapshot.images.size(), 1u);
  EXPECT_EQ(snapshot.images[0].workload_kind, "StatefulSet");
  EXPECT_EQ(snapshot.images[0].image_sha, digest('d'));
}

TEST(WorkloadImages, DigestMostPodsReportWinsAndTiesGoToTheSmallest) {
  Lists l;
  l.add(list(deployment("a", "majority", "u1", container("c", "app:latest")) + "," +
             deployment("a", "tie", "u2", container("c", "app:latest"))),
        &WorkloadLists::daemonsets);
  l.add(list(pod("a", "m1", owner("DaemonSet", "majority", "u1"), "c", "app:latest", digest('1')) +
             "," +
             pod("a", "m2", owner("DaemonSet", "majority", "u1"), "c", "app:latest", digest('2')) +
             "," +
             pod("a", "m3", owner("DaemonSet", "majority", "u1"), "c", "app:latest", digest('2')) +
             "," + pod("a", "t1", owner("DaemonSet", "tie", "u2"), "c", "app:latest", digest('9')) +
             "," + pod("a", "t2", owner("DaemonSet", "tie", "u2"), "c", "app:latest", digest('3'))),
        &WorkloadLists::pods);
  const auto snapshot = workload_images(l.lists);
  ASSERT_EQ(snapshot.images.size(), 2u);
  EXPECT_EQ(snapshot.images[0].workload_name, "majority");
  EXPECT_EQ(snapshot.images[0].image_sha, digest('2'));
  EXPECT_EQ(snapshot.images[1].workload_name, "tie");
  EXPECT_EQ(snapshot.images[1].image_sha, digest('3'));
}

TEST(WorkloadImages, PodStillPullingTheImageIsSkippedWithItsReason) {
  Lists l;
  l.add(list(deployment("a", "app", "u", container("c", "app:2"))), &WorkloadLists::daemonsets);
  l.add(list(pod("a", "p", owner("DaemonSet", "app", "u"), "c", "app:2", "")),
        &WorkloadLists::pods);
  const auto snapshot = workload_images(l.lists);
  ASSERT_EQ(snapshot.skipped.size(), 1u);
  EXPECT_EQ(snapshot.skipped[0].reason, "no pod running image app:2 reports its digest yet");
}

TEST(WorkloadImages, InvalidImageIsSkippedAndTheOtherContainersKept) {
  Lists l;
  l.add(list(deployment("a", "app", "u",
                        container("bad", "app:") + "," + container("good", "app@" + digest('f')))),
        &WorkloadLists::deployments);
  const auto snapshot = workload_images(l.lists);
  ASSERT_EQ(snapshot.images.size(), 1u);
  EXPECT_EQ(snapshot.images[0].container_name, "good");
  EXPECT_EQ(snapshot.images[0].image_tag, "sha256:ffffffffffff");
  ASSERT_EQ(snapshot.skipped.size(), 1u);
  EXPECT_EQ(snapshot.skipped[0].container_name, "bad");
  EXPECT_NE(snapshot.skipped[0].reason.find("empty tag"), std::string::npos)
      << snapshot.skipped[0].reason;
}

TEST(WorkloadImages, MalformedItemsAreIgnoredWithoutThrowing) {
  Lists l;
  l.add(list(R"(42,{"metadata":{"name":7}},{"metadata":{"name":"x"},"spec":{"template":[]}})"),
        &WorkloadLists::deployments);
  l.add(list(R"({"metadata":{"ownerReferences":"no"}},{"metadata":{"ownerReferences":[1]}})"),
        &WorkloadLists::pods);
  const auto snapshot = workload_images(l.lists);
  EXPECT_TRUE(snapshot.images.empty());
  EXPECT_TRUE(snapshot.skipped.empty());
}

}  // namespace
}  // namespace switchyard::kubernetes
