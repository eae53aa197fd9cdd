#include "tracker/grpc/grpc_answer.hpp"

#include <spdlog/spdlog.h>

#include "http/error_body.hpp"

namespace switchyard::api::tracker {

void GrpcAnswer::finish(const grpc::Status& status) {
  if (finished_.exchange(true)) return;
  reactor_->Finish(status);
}

void GrpcAnswer::fail(const AppError& error) {
  if (finished_.load()) return;
  // As Responder::error: the internal message goes to the log, the public one
  // to the caller.
  if (error.code() == ErrorCode::kInternal) {
    spdlog::error("grpc {} internal error: {}", context_->peer(), error.what());
  } else if (error.code() == ErrorCode::kUnavailable) {
    spdlog::warn("grpc {} unavailable: {}", context_->peer(), error.what());
  }
  if (error.retry_after() > 0) {
    context_->AddTrailingMetadata("retry-after", std::to_string(error.retry_after()));
  } else if (error.code() == ErrorCode::kUnavailable) {
    context_->AddTrailingMetadata("retry-after", "1");
  }
  finish(
      grpc::Status(static_cast<grpc::StatusCode>(grpc_code(error.code())), error.public_message()));
}

void GrpcAnswer::queued(const std::string& task_id) {
  if (finished_.load()) return;
  context_->AddTrailingMetadata("task-id", task_id);
  finish(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                      "accepted as task " + task_id +
                          ", not done within MAX_WAIT_SECONDS; it will be: GET /api/v1/tasks/" +
                          task_id));
}

}  // namespace switchyard::api::tracker
