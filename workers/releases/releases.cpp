// releases.record: one container's image as a manual collection (or a slave
// forwarding to its master) saw it. Re-running it is harmless: the same image
// only moves last_seen.
#include "database_handler.hpp"
#include "payload_fields.hpp"
#include "releases/releases_tasks.hpp"
#include "storage/releases/forwards_repository.hpp"

namespace switchyard::workers::releases {

namespace repo = storage::releases;

std::string record_and_forward(pqxx::transaction_base& tx, const repo::Component& component,
                               const repo::Image& image, bool forward) {
  std::string recorded = repo::record_release(tx, component, image);
  if (forward) repo::enqueue_forward(tx, component, image);
  return recorded;
}

void register_release_handlers(Dispatcher& dispatcher, const ReleasesSettings& settings) {
  dispatcher.add(kinds::releases::kRecord,
                 handler("", [forward = settings.forward](const rapidjson::Value& p,
                                                          pqxx::transaction_base& tx) {
                   const repo::Component component{
                       required_string(p, "client_name"),   required_string(p, "env_name"),
                       required_string(p, "namespace"),     required_string(p, "workload_kind"),
                       required_string(p, "workload_name"), required_string(p, "container_name")};
                   const repo::Image image{optional_string(p, "image_repo").value_or(""),
                                           optional_string(p, "image_name").value_or(""),
                                           required_string(p, "image_tag"),
                                           required_string(p, "image_sha"),
                                           required_string(p, "released_at")};
                   return record_and_forward(tx, component, image, forward);
                 }));
}

}  // namespace switchyard::workers::releases
