// incidents.create_tag, update_tag, delete_tag (the tag catalog, incident_tag_names).
#include "incidents/catalog_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/incidents/tag_names_repository.hpp"

namespace switchyard::workers::incidents {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

namespace {

constexpr const char* kTaken = "A tag with this name already exists.";
constexpr const char* kGone = "Tag not found.";

}  // namespace

void register_tag_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::kCreateTag,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        repo::insert_tag(tx, to_text(p));
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kUpdateTag,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::update_tag(tx, required_string(p, "id"), to_text(p))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kDeleteTag,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::delete_tag(tx, required_string(p, "id"))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
}

}  // namespace switchyard::workers::incidents
