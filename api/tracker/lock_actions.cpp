#include "tracker/lock_actions.hpp"

#include <fmt/format.h>

#include "domain/tracker/row_json.hpp"
#include "domain/tracker/tracker_kinds.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_json.hpp"
#include "tracker/wire_rows.hpp"

namespace switchyard::api::tracker {
namespace {

namespace repo = storage::tracker;

void require_lock_id(const std::string& id) {
  if (!envelope::is_valid_uuid(id)) {
    throw AppError(ErrorCode::kValidation, "id: must be a lock id (a UUID)",
                   field_error("id", "must be a UUID"));
  }
}

// The take_lock result: the new lock, or 409 naming the holder.
Lock taken_lock(const std::string& result) {
  rapidjson::Document outcome;
  outcome.Parse(result.c_str());
  Lock lock = domain::tracker::lock_from_row(outcome["lock"]);
  if (outcome["taken"].GetBool()) return lock;
  throw AppError(ErrorCode::kConflict,
                 fmt::format("service {} is already locked by {}", lock.service, lock.who),
                 "[{\"lock\":" + ::switchyard::tracker::lock_to_wire(lock) + "}]");
}

}  // namespace

Lock LockActions::get(const std::string& id) const {
  require_lock_id(id);
  auto lock = pool_.read([&](pqxx::read_transaction& tx) { return repo::find_lock(tx, id); });
  if (!lock) throw AppError(ErrorCode::kNotFound, "lock " + id + " not found");
  return std::move(*lock);
}

void LockActions::take(const rapidjson::Value& body, const std::string& caller,
                       Settled<Lock> done) {
  publishing(std::move(done), [&](Settled<Lock> settled) {
    const std::string id = envelope::new_task_id();
    rapidjson::StringBuffer buffer;
    RowWriter row(buffer);
    row.StartObject();
    read_lock_row(body, row);
    row.Key("id");
    row.String(id.c_str());
    row.EndObject();
    writer_.submit(kinds::tracker::kTakeLock, {buffer.GetString(), buffer.GetSize()}, caller,
                   settle(std::move(settled), taken_lock));
  });
}

void LockActions::release(const std::string& id, const std::string& caller, bool caller_admin,
                          Settled<std::string> done) {
  publishing(std::move(done), [&](Settled<std::string> settled) {
    require_lock_id(id);
    // The worker releases it for its holder (the caller that took it) or an admin.
    writer_.submit(kinds::tracker::kReleaseLock,
                   fmt::format(R"({{"id":"{}","caller_admin":{}}})", id, caller_admin), caller,
                   settle(std::move(settled), [id](const std::string&) { return id; }));
  });
}

repo::LockPage LockActions::page(const Paging& paging) const {
  return pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_locks(tx, paging.per_page, paging.offset());
  });
}

}  // namespace switchyard::api::tracker
