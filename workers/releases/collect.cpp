// releases.collect: lists the cluster's Deployments, StatefulSets and DaemonSets
// (kubernetes/cluster_client) and records every container's image for the
// payload's client and environment, as seen now.
//
// Unlike the other domain handlers it does not run inside the worker's window
// transaction: listing a cluster takes network round trips, and the window's
// transaction (on the completer thread) would hold every other task of the window
// meanwhile. It runs on a handler thread under the task's deadline and commits its
// own transaction. That keeps the exactly-once promise of its effect in the sense
// that matters: a collection re-run after a crash is a fresh observation, which
// moves last_seen and records nothing twice (same image, same entry).
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <pqxx/pqxx>

#include "envelope/timestamp.hpp"
#include "payload_fields.hpp"
#include "releases/kubernetes/cluster_client.hpp"
#include "releases/releases_tasks.hpp"

namespace switchyard::workers::releases {
namespace {

namespace repo = storage::releases;

std::string summary_json(const std::string& client, const std::string& env,
                         const std::string& collected_at,
                         const kubernetes::ClusterSnapshot& snapshot) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "client_name", client);
  json::string_field(w, "env_name", env);
  json::string_field(w, "collected_at", collected_at);
  w.Key("collected");
  w.Uint64(snapshot.images.size());
  w.Key("skipped");
  w.StartArray();
  for (const auto& s : snapshot.skipped) {
    const std::string skipped = json::string_object({{"namespace", s.namespace_name},
                                                     {"workload_kind", s.workload_kind},
                                                     {"workload_name", s.workload_name},
                                                     {"container_name", s.container_name},
                                                     {"reason", s.reason}});
    w.RawValue(skipped.c_str(), skipped.size(), rapidjson::kObjectType);
  }
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

class CollectHandler final : public TaskHandler {
 public:
  explicit CollectHandler(ReleasesSettings settings) : settings_(std::move(settings)) {}

  std::string handle(TaskContext& context) override {
    const std::string client = required_string(context.payload, "client_name");
    const std::string env = required_string(context.payload, "env_name");
    if (!settings_.cluster.configured()) {
      throw caller_error(
          FailureKind::kNotConfigured,
          "no Kubernetes cluster is configured for this worker: set KUBE_API_URL (and "
          "KUBE_TOKEN or KUBE_TOKEN_FILE, KUBE_CA_FILE) or run it inside the cluster");
    }
    kubernetes::ClusterSnapshot snapshot;
    try {
      snapshot = kubernetes::ClusterClient(settings_.cluster).collect(context.deadline);
    } catch (const kubernetes::KubernetesError& e) {
      if (e.retryable()) throw TaskFailure(FailureKind::kUpstreamUnavailable, e.what());
      throw caller_error(FailureKind::kUpstreamRefused, e.what());
    }
    const std::string collected_at = envelope::now_timestamp();

    pqxx::connection db(settings_.database_url);
    pqxx::work tx(db);
    // The deadline holds for the writes too: a runner abandoned at its deadline
    // must not commit late.
    const auto left = context.time_left();
    if (left.count() <= 0)
      throw TaskFailure(FailureKind::kTimeout, "the collection ran out of time");
    tx.exec0(fmt::format("SET LOCAL statement_timeout = {}", left.count()));
    for (const auto& image : snapshot.images) {
      const repo::Component component{client,
                                      env,
                                      image.namespace_name,
                                      image.workload_kind,
                                      image.workload_name,
                                      image.container_name};
      record_and_forward(
          tx, component,
          {image.image_repo, image.image_name, image.image_tag, image.image_sha, collected_at},
          settings_.forward);
    }
    if (context.time_left().count() <= 0) {
      throw TaskFailure(FailureKind::kTimeout, "the collection ran out of time");
    }
    tx.commit();
    return summary_json(client, env, collected_at, snapshot);
  }

 private:
  ReleasesSettings settings_;
};

}  // namespace

void register_collect_handlers(Dispatcher& dispatcher, const ReleasesSettings& settings) {
  dispatcher.add(kinds::releases::kCollect, std::make_unique<CollectHandler>(settings));
}

}  // namespace switchyard::workers::releases
