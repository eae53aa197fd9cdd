#include "recorded_cluster.hpp"

#include <rapidjson/document.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "test_servers.hpp"

namespace switchyard::kubernetes {

void PrintTo(const ContainerImage& i, std::ostream* os) {
  *os << i.namespace_name << "/" << i.workload_kind << "/" << i.workload_name << "/"
      << i.container_name << " " << i.image_repo << " " << i.image_name << " " << i.image_tag << " "
      << i.image_sha;
}

void PrintTo(const SkippedContainer& s, std::ostream* os) {
  *os << s.namespace_name << "/" << s.workload_kind << "/" << s.workload_name << "/"
      << s.container_name << ": " << s.reason;
}

}  // namespace switchyard::kubernetes

namespace switchyard::testing {

kubernetes::ClusterSnapshot recorded_cluster_snapshot() {
  using kubernetes::WorkloadLists;
  const std::string dir = source_dir() + "/tests/fixtures/kubernetes/";
  std::vector<std::unique_ptr<rapidjson::Document>> docs;  // the items point into them
  WorkloadLists lists;
  const std::pair<const char*, std::vector<const rapidjson::Value*>*> files[] = {
      {"deployments.json", &lists.deployments},
      {"statefulsets.json", &lists.statefulsets},
      {"daemonsets.json", &lists.daemonsets},
      {"replicasets.json", &lists.replicasets},
      {"pods.json", &lists.pods}};
  for (const auto& [name, items] : files) {
    std::ifstream in(dir + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto& doc = *docs.emplace_back(std::make_unique<rapidjson::Document>());
    doc.Parse(text.str().c_str());
    if (!in || doc.HasParseError() || !doc.IsObject() || !doc.HasMember("items") ||
        !doc["items"].IsArray()) {
      throw std::runtime_error(dir + name + " is not a recorded List answer");
    }
    for (const auto& item : doc["items"].GetArray()) items->push_back(&item);
  }
  return kubernetes::workload_images(lists);
}

}  // namespace switchyard::testing
