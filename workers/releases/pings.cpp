// releases.ping: a slave instance reported itself alive.
#include "database_handler.hpp"
#include "payload_fields.hpp"
#include "releases/releases_tasks.hpp"
#include "storage/releases/pings_repository.hpp"

namespace switchyard::workers::releases {

void register_ping_handlers(Dispatcher& dispatcher) {
  dispatcher.add(kinds::releases::kPing,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   storage::releases::record_ping(
                       tx, required_string(p, "client_name"), required_string(p, "env_name"),
                       optional_string(p, "slave_version").value_or(""), required_string(p, "at"));
                   return std::string("{}");
                 }));
}

}  // namespace switchyard::workers::releases
