#pragma once
// tracker.lock.v1alpha1.LockService (proto/tracker/lock/v1alpha1/lock.proto) over
// LockActions, each RPC allowed and limited as its REST twin (GrpcDoor):
// CreateLock (ALREADY_EXISTS, naming the holder, when the service is locked),
// GetLock, UnLock (for the caller that took the lock, or an admin:
// PERMISSION_DENIED otherwise), ListLocks.
#include "tracker/grpc/grpc_door.hpp"
#include "tracker/lock/v1alpha1/lock.grpc.pb.h"
#include "tracker/lock_actions.hpp"

namespace switchyard::api::tracker {

namespace lock_pb = ::tracker::lock::v1alpha1;

class GrpcLockService final : public lock_pb::LockService::CallbackService {
 public:
  GrpcLockService(const GrpcDoor& door, LockActions& actions);

  grpc::ServerUnaryReactor* CreateLock(grpc::CallbackServerContext* context,
                                       const lock_pb::CreateLockRequest* request,
                                       lock_pb::CreateLockResponse* response) override;
  grpc::ServerUnaryReactor* GetLock(grpc::CallbackServerContext* context,
                                    const lock_pb::GetLockRequest* request,
                                    lock_pb::GetLockResponse* response) override;
  grpc::ServerUnaryReactor* UnLock(grpc::CallbackServerContext* context,
                                   const lock_pb::UnLockRequest* request,
                                   lock_pb::UnLockResponse* response) override;
  grpc::ServerUnaryReactor* ListLocks(grpc::CallbackServerContext* context,
                                      const lock_pb::ListLocksRequest* request,
                                      lock_pb::ListLocksResponse* response) override;

 private:
  const GrpcDoor& door_;
  LockActions& actions_;
  const RouteSpec& take_;
  const RouteSpec& get_;
  const RouteSpec& release_;
  const RouteSpec& list_;
};

}  // namespace switchyard::api::tracker
