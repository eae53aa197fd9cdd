#include "tasks/worker_list.hpp"

#include "storage/workers/worker_repository.hpp"

namespace switchyard::api {

namespace {
constexpr int kLiveSeconds = 15;  // three heartbeats
}

void WorkerList::handle(RequestContext& context) {
  std::string workers;
  {
    auto lease = pool_.acquire();
    pqxx::read_transaction tx(*lease);
    workers = storage::live_workers_json(tx, kLiveSeconds);
  }
  context.responder.json(Pistache::Http::Code::Ok, R"({"workers":)" + workers + "}");
}

}  // namespace switchyard::api
