#include "releases/kubernetes/workload_images.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>

#include "releases/kubernetes/image_reference.hpp"

namespace switchyard::kubernetes {
namespace {

using rapidjson::Value;

constexpr std::string_view kDeployment = "Deployment";
constexpr std::string_view kStatefulSet = "StatefulSet";
constexpr std::string_view kDaemonSet = "DaemonSet";
constexpr std::string_view kReplicaSet = "ReplicaSet";

const Value* member(const Value* object, const char* key) {
  if (object == nullptr || !object->IsObject()) return nullptr;
  const auto it = object->FindMember(key);
  return it == object->MemberEnd() ? nullptr : &it->value;
}

const Value* path(const Value* value, std::initializer_list<const char*> keys) {
  for (const char* key : keys) value = member(value, key);
  return value;
}

std::string_view text(const Value* value) {
  if (value == nullptr || !value->IsString()) return {};
  return {value->GetString(), value->GetStringLength()};
}

std::string_view text_at(const Value* object, const char* key) { return text(member(object, key)); }

// The elements of an array member, or none.
template <typename Visit>
void for_each_element(const Value* array, Visit&& visit) {
  if (array == nullptr || !array->IsArray()) return;
  for (const auto& element : array->GetArray()) visit(element);
}

// The element of `array` whose "name" is `name`, or nullptr.
const Value* named(const Value* array, std::string_view name) {
  const Value* found = nullptr;
  for_each_element(array, [&](const Value& element) {
    if (found == nullptr && text_at(&element, "name") == name) found = &element;
  });
  return found;
}

struct OwnerRef {
  std::string_view kind;
  std::string_view name;
  std::string_view uid;
};

// The controller ownerReference (controller: true), else the first of one of `kinds`.
std::optional<OwnerRef> controller_of(const Value& item,
                                      std::initializer_list<std::string_view> kinds) {
  std::optional<OwnerRef> controller;
  std::optional<OwnerRef> first_of_kind;
  for_each_element(path(&item, {"metadata", "ownerReferences"}), [&](const Value& ref) {
    OwnerRef owner{text_at(&ref, "kind"), text_at(&ref, "name"), text_at(&ref, "uid")};
    if (owner.name.empty()) return;
    const Value* flag = member(&ref, "controller");
    if (!controller && flag != nullptr && flag->IsBool() && flag->GetBool()) controller = owner;
    if (!first_of_kind && std::find(kinds.begin(), kinds.end(), owner.kind) != kinds.end()) {
      first_of_kind = owner;
    }
  });
  if (controller) {
    if (std::find(kinds.begin(), kinds.end(), controller->kind) == kinds.end()) return std::nullopt;
    return controller;
  }
  return first_of_kind;
}

// An owner reference and its target match by uid when both have one, else by name alone.
bool same_uid(std::string_view a, std::string_view b) { return a.empty() || b.empty() || a == b; }

using NamedKey = std::tuple<std::string_view, std::string_view, std::string_view>;  // ns kind name

struct OwnedPod {
  std::string_view owner_uid;
  const Value* pod;
};

// Pods by the workload that controls them (through its ReplicaSet for a Deployment).
class PodIndex {
 public:
  explicit PodIndex(const WorkloadLists& lists) {
    struct ReplicaSetOwner {
      std::string_view uid;
      OwnerRef deployment;
    };
    std::map<std::pair<std::string_view, std::string_view>, ReplicaSetOwner> replicasets;
    for (const Value* rs : lists.replicasets) {
      const auto name = text(path(rs, {"metadata", "name"}));
      const auto owner = controller_of(*rs, {kDeployment});
      if (name.empty() || !owner) continue;
      replicasets[{text(path(rs, {"metadata", "namespace"})), name}] = {
          text(path(rs, {"metadata", "uid"})), *owner};
    }
    for (const Value* pod : lists.pods) {
      const auto ns = text(path(pod, {"metadata", "namespace"}));
      auto owner = controller_of(*pod, {kReplicaSet, kStatefulSet, kDaemonSet});
      if (!owner) continue;
      if (owner->kind == kReplicaSet) {
        const auto it = replicasets.find({ns, owner->name});
        if (it == replicasets.end() || !same_uid(owner->uid, it->second.uid)) continue;
        owner = it->second.deployment;
      }
      pods_[{ns, owner->kind, owner->name}].push_back({owner->uid, pod});
    }
  }

  // The pods of the workload `ns`/`kind`/`name` with uid `uid` (empty: unknown).
  std::vector<const Value*> pods_of(std::string_view ns, std::string_view kind,
                                    std::string_view name, std::string_view uid) const {
    std::vector<const Value*> pods;
    const auto it = pods_.find({ns, kind, name});
    if (it == pods_.end()) return pods;
    for (const auto& owned : it->second) {
      if (same_uid(owned.owner_uid, uid)) pods.push_back(owned.pod);
    }
    return pods;
  }

 private:
  std::map<NamedKey, std::vector<OwnedPod>> pods_;
};

// The digest most of `pods` report for `container` running exactly `image`; the
// reason it is missing otherwise.
std::pair<std::string, std::string> reported_digest(const std::vector<const Value*>& pods,
                                                    std::string_view container,
                                                    std::string_view image) {
  std::map<std::string, int> votes;
  bool runs_image = false;
  for (const Value* pod : pods) {
    const Value* spec = named(path(pod, {"spec", "containers"}), container);
    if (spec == nullptr || text_at(spec, "image") != image) continue;
    runs_image = true;
    const Value* status = named(path(pod, {"status", "containerStatuses"}), container);
    auto digest = digest_of_image_id(text_at(status, "imageID"));
    if (!digest.empty()) ++votes[std::move(digest)];
  }
  if (votes.empty()) {
    std::string image_text(image);
    return {{},
            runs_image ? "no pod running image " + image_text + " reports its digest yet"
                       : "no pod of the workload runs image " + image_text +
                             " (scaled to zero, not started yet, or rolling out)"};
  }
  // std::map iterates in ascending order and max_element keeps the first maximum.
  const auto best = std::max_element(
      votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return {best->first, {}};
}

void add_workloads(const std::vector<const Value*>& items, std::string_view kind,
                   const PodIndex& pods, ClusterSnapshot& snapshot) {
  for (const Value* item : items) {
    const auto ns = text(path(item, {"metadata", "namespace"}));
    const auto name = text(path(item, {"metadata", "name"}));
    if (name.empty()) continue;
    const auto uid = text(path(item, {"metadata", "uid"}));
    const auto workload_pods = pods.pods_of(ns, kind, name, uid);
    for_each_element(path(item, {"spec", "template", "spec", "containers"}), [&](const Value& c) {
      const auto container = text_at(&c, "name");
      const auto image = text_at(&c, "image");
      auto skip = [&](std::string reason) {
        snapshot.skipped.push_back({std::string(ns), std::string(kind), std::string(name),
                                    std::string(container), std::move(reason)});
      };
      ImageReference ref;
      try {
        ref = parse_image_reference(image);
      } catch (const std::invalid_argument& e) {
        skip(e.what());
        return;
      }
      if (ref.digest.empty()) {
        auto [digest, reason] = reported_digest(workload_pods, container, image);
        if (digest.empty()) {
          skip(std::move(reason));
          return;
        }
        ref.digest = std::move(digest);
      }
      snapshot.images.push_back({std::string(ns), std::string(kind), std::string(name),
                                 std::string(container), std::move(ref.repo), std::move(ref.name),
                                 std::move(ref.tag), std::move(ref.digest)});
    });
  }
}

template <typename Row>
void sort_rows(std::vector<Row>& rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.namespace_name, a.workload_kind, a.workload_name, a.container_name) <
           std::tie(b.namespace_name, b.workload_kind, b.workload_name, b.container_name);
  });
}

}  // namespace

ClusterSnapshot workload_images(const WorkloadLists& lists) {
  const PodIndex pods(lists);
  ClusterSnapshot snapshot;
  add_workloads(lists.deployments, kDeployment, pods, snapshot);
  add_workloads(lists.statefulsets, kStatefulSet, pods, snapshot);
  add_workloads(lists.daemonsets, kDaemonSet, pods, snapshot);
  sort_rows(snapshot.images);
  sort_rows(snapshot.skipped);
  return snapshot;
}

}  // namespace switchyard::kubernetes
