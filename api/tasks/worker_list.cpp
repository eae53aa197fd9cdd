#include "tasks/worker_list.hpp"

#include "storage/workers/worker_repository.hpp"

namespace switchyard::api {

namespace {
constexpr int kLiveSeconds = 15;  // three heartbeats
}

void WorkerList::handle(RequestContext& context) {
  const auto workers = pool_.read(
      [&](pqxx::read_transaction& tx) { return storage::live_workers_json(tx, kLiveSeconds); });
  context.responder.json(Pistache::Http::Code::Ok, R"({"workers":)" + workers + "}");
}

}  // namespace switchyard::api
