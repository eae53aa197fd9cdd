#include "tracker/grpc/grpc_lock_service.hpp"

#include "tracker/grpc/proto_json.hpp"
#include "tracker/wire_json.hpp"

namespace switchyard::api::tracker {
namespace {

using Pistache::Http::Method;

void fill_lock(const Lock& lock, lock_pb::Lock& message) {
  fill_from_wire(::switchyard::tracker::lock_to_wire(lock), message);
}

}  // namespace

GrpcLockService::GrpcLockService(const GrpcDoor& door, LockActions& actions)
    : door_(door),
      actions_(actions),
      take_(door.route(Method::Post, "/api/v1alpha1/lock")),
      get_(door.route(Method::Get, "/api/v1alpha1/lock/:id")),
      release_(door.route(Method::Get, "/api/v1alpha1/unlock/:id")),
      list_(door.route(Method::Get, "/api/v1alpha1/locks/list")) {}

grpc::ServerUnaryReactor* GrpcLockService::CreateLock(grpc::CallbackServerContext* context,
                                                      const lock_pb::CreateLockRequest* request,
                                                      lock_pb::CreateLockResponse* response) {
  return door_.call(context, take_, [&](const GrpcCaller& caller, const auto& answer) {
    actions_.take(json_of(*request), caller.name,
                  answer->template settled<Lock>([response](const Lock& lock) {
                    fill_lock(lock, *response->mutable_lock());
                  }));
  });
}

grpc::ServerUnaryReactor* GrpcLockService::GetLock(grpc::CallbackServerContext* context,
                                                   const lock_pb::GetLockRequest* request,
                                                   lock_pb::GetLockResponse* response) {
  return door_.call(context, get_, [&](const GrpcCaller&, const auto& answer) {
    fill_lock(actions_.get(request->id()), *response->mutable_lock());
    answer->ok();
  });
}

grpc::ServerUnaryReactor* GrpcLockService::UnLock(grpc::CallbackServerContext* context,
                                                  const lock_pb::UnLockRequest* request,
                                                  lock_pb::UnLockResponse* response) {
  return door_.call(context, release_, [&](const GrpcCaller& caller, const auto& answer) {
    actions_.release(request->id(), caller.name, caller.admin,
                     answer->template settled<std::string>([response](const std::string& id) {
                       response->set_message("lock released");
                       response->set_id(id);
                       response->set_count(1);
                     }));
  });
}

grpc::ServerUnaryReactor* GrpcLockService::ListLocks(grpc::CallbackServerContext* context,
                                                     const lock_pb::ListLocksRequest* request,
                                                     lock_pb::ListLocksResponse* response) {
  return door_.call(context, list_, [&](const GrpcCaller&, const auto& answer) {
    const auto page = actions_.page(request_paging(*request));
    for (const auto& lock : page.locks) fill_lock(lock, *response->add_locks());
    response->set_total_count(static_cast<std::uint32_t>(page.total));
    answer->ok();
  });
}

}  // namespace switchyard::api::tracker
