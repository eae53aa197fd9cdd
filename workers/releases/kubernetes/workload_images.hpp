#pragma once
// What runs in a cluster, from the Kubernetes API's list answers: for every container
// of every Deployment, StatefulSet and DaemonSet, the image's repo, name, tag and
// digest. Pure: no I/O, the caller fetches the lists (ClusterClient).
#include <rapidjson/document.h>

#include <string>
#include <vector>

namespace switchyard::kubernetes {

// One container of a workload's pod template, with its image resolved.
struct ContainerImage {
  std::string namespace_name;
  std::string workload_kind;  // "Deployment", "StatefulSet" or "DaemonSet"
  std::string workload_name;
  std::string container_name;
  std::string image_repo;
  std::string image_name;
  std::string image_tag;
  std::string image_sha;  // "sha256:<64 hex>"

  bool operator==(const ContainerImage&) const = default;
};

// A container whose image could not be resolved, and why.
struct SkippedContainer {
  std::string namespace_name;
  std::string workload_kind;
  std::string workload_name;
  std::string container_name;
  std::string reason;

  bool operator==(const SkippedContainer&) const = default;
};

// Both sorted by (namespace, kind, workload, container).
struct ClusterSnapshot {
  std::vector<ContainerImage> images;
  std::vector<SkippedContainer> skipped;
};

// The items of each list answer (the elements of its `items` array); the values must
// outlive the call.
struct WorkloadLists {
  std::vector<const rapidjson::Value*> deployments;
  std::vector<const rapidjson::Value*> statefulsets;
  std::vector<const rapidjson::Value*> daemonsets;
  std::vector<const rapidjson::Value*> replicasets;
  std::vector<const rapidjson::Value*> pods;
};

// For each workload's spec.template.spec.containers (init and ephemeral containers are
// not releases), parses the image (parse_image_reference). The digest is the
// reference's own when it is pinned; otherwise it comes from the workload's pods:
//  - a pod belongs to a workload through its controller ownerReference (the one with
//    controller: true, else the first of a workload kind): Pod → ReplicaSet →
//    Deployment, Pod → StatefulSet, Pod → DaemonSet, always in the pod's namespace,
//    matched by uid when both sides have one (a recreated workload's orphans do not
//    count), else by kind and name;
//  - only pods whose container of the same name has exactly the template's image
//    string count, so during a rolling update the old pods are ignored;
//  - the digest is digest_of_image_id of that container's status imageID; when pods
//    disagree (a mutable tag pulled at different times), the digest most pods report
//    wins, ties going to the smallest digest, so the answer is deterministic.
// A container with an invalid image or without a reported digest is skipped with the
// reason. Items without a name are ignored and fields of the wrong type read as
// absent: the function throws nothing but std::bad_alloc.
ClusterSnapshot workload_images(const WorkloadLists& lists);

}  // namespace switchyard::kubernetes
