#pragma once
// GrpcAnswer: the answer of one unary call of the tracker's gRPC door, finished
// exactly once from whichever thread settles it (the handler's, or a BlockingWork
// thread once an awaited write is stored). Errors become the status matching the
// REST answer (grpc_code: INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS,
// UNAUTHENTICATED, PERMISSION_DENIED, RESOURCE_EXHAUSTED with a `retry-after`
// trailer, UNAVAILABLE, INTERNAL). A write accepted but not done within
// MAX_WAIT_SECONDS (REST's 202) is DEADLINE_EXCEEDED — gRPC's code for "may
// have completed" — with the task's id in the `task-id` trailer: the write is
// still done, once.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "errors/app_error.hpp"
#include "tracker/settled.hpp"

namespace switchyard::api::tracker {

class GrpcAnswer : public std::enable_shared_from_this<GrpcAnswer> {
 public:
  explicit GrpcAnswer(grpc::CallbackServerContext* context)
      : context_(context), reactor_(context->DefaultReactor()) {}

  grpc::ServerUnaryReactor* reactor() const { return reactor_; }

  // The response message is filled: OK.
  void ok() { finish(grpc::Status::OK); }
  void fail(const AppError& error);
  void queued(const std::string& task_id);

  // A write's settlement: `fill` writes the stored record into the response,
  // then the call is answered OK.
  template <class T>
  Settled<T> settled(std::function<void(const T&)> fill) {
    auto self = shared_from_this();
    return {[self, fill = std::move(fill)](const T& record) {
              fill(record);
              self->ok();
            },
            [self](const std::string& task_id) { self->queued(task_id); },
            [self](const AppError& error) { self->fail(error); }};
  }

 private:
  void finish(const grpc::Status& status);

  grpc::CallbackServerContext* context_;
  grpc::ServerUnaryReactor* reactor_;
  std::atomic<bool> finished_{false};
};

}  // namespace switchyard::api::tracker
