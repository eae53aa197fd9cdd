// parse_image_reference and digest_of_image_id (workers/releases/kubernetes/image_reference.hpp):
// every shape of reference a pod template holds and every imageID a runtime reports.
#include "releases/kubernetes/image_reference.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace switchyard::kubernetes {

void PrintTo(const ImageReference& r, std::ostream* os) {
  *os << "{repo=" << r.repo << " name=" << r.name << " tag=" << r.tag << " digest=" << r.digest
      << "}";
}

namespace {

const std::string kDigest =
    "sha256:c0b10b1f6af8e59627bdede5c49dc1ee7aa69493a8a6a2c1b3c5c4eaf39d4801";

TEST(ImageReference, DockerHubNameKeepsItsShortFormAndTag) {
  EXPECT_EQ(parse_image_reference("nginx:1.21.0"),
            (ImageReference{"docker.io", "nginx", "1.21.0", ""}));
}

TEST(ImageReference, DefaultsTheTagToLatest) {
  EXPECT_EQ(parse_image_reference("nginx"), (ImageReference{"docker.io", "nginx", "latest", ""}));
  EXPECT_EQ(parse_image_reference("quay.io/coreos/etcd"),
            (ImageReference{"quay.io", "coreos/etcd", "latest", ""}));
}

TEST(ImageReference, DockerHubOrganisationIsPartOfTheName) {
  EXPECT_EQ(parse_image_reference("acme/worker:1.1"),
            (ImageReference{"docker.io", "acme/worker", "1.1", ""}));
  EXPECT_EQ(parse_image_reference("docker.io/library/postgres:15.4"),
            (ImageReference{"docker.io", "library/postgres", "15.4", ""}));
}

TEST(ImageReference, FirstComponentWithADotIsTheRegistry) {
  EXPECT_EQ(parse_image_reference("quay.io/prometheus/statsd-exporter:v0.26.0"),
            (ImageReference{"quay.io", "prometheus/statsd-exporter", "v0.26.0", ""}));
  EXPECT_EQ(parse_image_reference("cr.fluentbit.io/fluent/fluent-bit:2.1.8"),
            (ImageReference{"cr.fluentbit.io", "fluent/fluent-bit", "2.1.8", ""}));
}

TEST(ImageReference, RegistryPortIsNotATag) {
  EXPECT_EQ(parse_image_reference("registry:5000/team/app"),
            (ImageReference{"registry:5000", "team/app", "latest", ""}));
  EXPECT_EQ(parse_image_reference("registry:5000/team/app:1.2"),
            (ImageReference{"registry:5000", "team/app", "1.2", ""}));
}

TEST(ImageReference, LocalhostIsARegistry) {
  EXPECT_EQ(parse_image_reference("localhost/app:dev"),
            (ImageReference{"localhost", "app", "dev", ""}));
  EXPECT_EQ(parse_image_reference("localhost:5000/app"),
            (ImageReference{"localhost:5000", "app", "latest", ""}));
  // Without a slash there is no registry: "localhost" is the name, 5000 the tag.
  EXPECT_EQ(parse_image_reference("localhost:5000"),
            (ImageReference{"docker.io", "localhost", "5000", ""}));
}

TEST(ImageReference, TagAndDigestAreBothKept) {
  EXPECT_EQ(parse_image_reference("registry:5000/team/app:1.2@" + kDigest),
            (ImageReference{"registry:5000", "team/app", "1.2", kDigest}));
  EXPECT_EQ(parse_image_reference("registry.example.com:5000/team/api:2.3.1@" + kDigest),
            (ImageReference{"registry.example.com:5000", "team/api", "2.3.1", kDigest}));
}

TEST(ImageReference, DigestWithoutTagShowsTheShortDigestAsTag) {
  EXPECT_EQ(parse_image_reference("nginx@" + kDigest),
            (ImageReference{"docker.io", "nginx", "sha256:c0b10b1f6af8", kDigest}));
  EXPECT_EQ(parse_image_reference("registry:5000/team/app@" + kDigest),
            (ImageReference{"registry:5000", "team/app", "sha256:c0b10b1f6af8", kDigest}));
}

TEST(ImageReference, RefusesMalformedReferences) {
  for (const std::string& bad : std::vector<std::string>{
           "", "nginx:", "nginx@", "nginx@sha256:abc", "nginx@sha256:" + std::string(64, 'G'),
           "nginx@" + kDigest + "@" + kDigest, "/nginx", "quay.io//etcd", "quay.io/", "nginx 1.2",
           "@" + kDigest, ":1.2", "nginx@SHA256:" + kDigest.substr(7)}) {
    EXPECT_THROW(parse_image_reference(bad), std::invalid_argument) << bad;
  }
}

TEST(ImageReference, AcceptsSha512Digests) {
  const std::string sha512 = "sha512:" + std::string(128, 'a');
  EXPECT_EQ(parse_image_reference("app@" + sha512).digest, sha512);
}

TEST(DigestOfImageId, TakesWhatFollowsTheAt) {
  EXPECT_EQ(digest_of_image_id("docker-pullable://nginx@" + kDigest), kDigest);
  EXPECT_EQ(digest_of_image_id("docker-pullable://registry:5000/team/api@" + kDigest), kDigest);
  EXPECT_EQ(digest_of_image_id("docker.io/library/nginx@" + kDigest), kDigest);
}

TEST(DigestOfImageId, BareDigestIsReturnedAsIs) {
  EXPECT_EQ(digest_of_image_id(kDigest), kDigest);
  EXPECT_EQ(digest_of_image_id("docker://" + kDigest), kDigest);
}

TEST(DigestOfImageId, NothingWhenThereIsNoDigest) {
  EXPECT_EQ(digest_of_image_id(""), "");
  EXPECT_EQ(digest_of_image_id("nginx:1.21.0"), "");
  EXPECT_EQ(digest_of_image_id("busybox:latest"), "");
  EXPECT_EQ(digest_of_image_id("docker-pullable://nginx@sha256:tooshort"), "");
  EXPECT_EQ(digest_of_image_id("docker-pullable://nginx@"), "");
}

}  // namespace
}  // namespace switchyard::kubernetes
