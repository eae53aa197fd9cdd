#include "tracker/locks.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "domain/tracker/row_json.hpp"
#include "domain/tracker/tracker_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "storage/tracker/locks_repository.hpp"
#include "tracker/tracker_paging.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_json.hpp"
#include "tracker/wire_rows.hpp"

namespace switchyard::api::tracker {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::tracker;

std::string lock_id(const RequestContext& context) {
  std::string id = path_string(context, "id");
  if (!envelope::is_valid_uuid(id)) {
    throw AppError(ErrorCode::kValidation, "id: must be a lock id (a UUID)",
                   field_error("id", "must be a UUID"));
  }
  return id;
}

}  // namespace

void Locks::take(RequestContext& context) {
  const rapidjson::Document body = json_object_body(context);
  const std::string id = envelope::new_task_id();
  rapidjson::StringBuffer buffer;
  RowWriter row(buffer);
  row.StartObject();
  read_lock_row(body, row);
  row.Key("id");
  row.String(id.c_str());
  row.EndObject();
  auto responder = context.answer_later();
  writer_.write(
      responder, kinds::tracker::kTakeLock, {buffer.GetString(), buffer.GetSize()},
      context.caller_name(), [](Responder& r, const std::string& result) {
        rapidjson::Document outcome;
        outcome.Parse(result.c_str());
        const auto lock = ::switchyard::domain::tracker::lock_from_row(outcome["lock"]);
        const std::string wire = ::switchyard::tracker::lock_to_wire(lock);
        if (outcome["taken"].GetBool()) {
          r.json(Http::Code::Ok, "{\"lock\":" + wire + "}");
          return;
        }
        r.error(AppError(ErrorCode::kConflict,
                         fmt::format("service {} is already locked by {}", lock.service, lock.who),
                         "[{\"lock\":" + wire + "}]"));
      });
}

void Locks::get(RequestContext& context) {
  const std::string id = lock_id(context);
  const auto lock = pool_.read([&](pqxx::read_transaction& tx) { return repo::find_lock(tx, id); });
  if (!lock) throw AppError(ErrorCode::kNotFound, "lock " + id + " not found");
  context.responder.json(Http::Code::Ok,
                         "{\"lock\":" + ::switchyard::tracker::lock_to_wire(*lock) + "}");
}

void Locks::release(RequestContext& context) {
  const std::string id = lock_id(context);
  auto responder = context.answer_later();
  // The worker releases it for its holder (the caller that took it) or an admin.
  const bool admin = context.principal != nullptr && context.principal->admin;
  writer_.write(responder, kinds::tracker::kReleaseLock,
                fmt::format(R"({{"id":"{}","caller_admin":{}}})", id, admin), context.caller_name(),
                [id](Responder& r, const std::string&) {
                  r.json(Http::Code::Ok,
                         fmt::format(R"({{"message":"lock released","id":"{}","count":1}})", id));
                });
}

void Locks::list(RequestContext& context) {
  const Paging paging = read_paging(context);
  const auto page = pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_locks(tx, paging.per_page, paging.offset());
  });
  std::vector<std::string> items;
  for (const auto& lock : page.locks) items.push_back(::switchyard::tracker::lock_to_wire(lock));
  context.responder.json(Http::Code::Ok, list_body("locks", items, page.total));
}

}  // namespace switchyard::api::tracker
