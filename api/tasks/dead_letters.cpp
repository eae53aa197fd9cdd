#include "tasks/dead_letters.hpp"

#include <fmt/format.h>

#include <atomic>
#include <memory>

#include "http/request_fields.hpp"
#include "storage/tasks/task_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;
using PublishKind = amqp::PublishOutcome::Kind;

constexpr int kReplayBatch = 500;

// The internal services' tasks (identity, tracker, releases writes) were asked
// for through their own routes, checked there; replaying one would run a write
// again with no such check.
void refuse_internal(const config::ServiceConfig* service, const std::string& name) {
  if (service != nullptr && service->internal) {
    throw AppError(ErrorCode::kForbidden,
                   fmt::format("Tasks of the internal service {} cannot be replayed", name));
  }
}

}  // namespace

int DeadLetters::attempts_for(const std::string& service, const std::string& action) const {
  const config::ActionConfig* configured = services_.find_action(service, action);
  if (configured == nullptr) {
    throw AppError(
        ErrorCode::kConflict,
        fmt::format("{}.{} is no longer configured: nothing would run it", service, action));
  }
  return configured->retry.max_attempts;
}

void DeadLetters::list(RequestContext& context) { queries_.list_in_status(context, "dead"); }

void DeadLetters::replay(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_task_id(id);
  auto replay =
      pool_.read([&](pqxx::read_transaction& tx) { return storage::prepare_replay(tx, id, 0); });
  if (!replay) throw AppError(ErrorCode::kNotFound, fmt::format("No task {}", id));
  refuse_internal(services_.find_service(replay->next.service), replay->next.service);
  // The ownership of reading a task: callers other than admins replay their own.
  const Principal* caller = context.principal;
  if (caller != nullptr && !caller->admin && caller->name != replay->next.submitted_by) {
    throw AppError(ErrorCode::kForbidden, "This task belongs to another caller");
  }
  if (replay->status != domain::TaskStatus::kDead) {
    throw AppError(ErrorCode::kConflict, fmt::format("Task {} is {}: only dead tasks are replayed",
                                                     id, domain::to_string(replay->status)));
  }
  replay->next.max_attempts += attempts_for(replay->next.service, replay->next.action);
  auto responder = context.answer_later();
  const int attempt = replay->next.attempt;
  publisher_.publish(replay->next, std::nullopt,
                     [responder, id, attempt](const amqp::PublishOutcome& outcome) {
                       if (outcome.kind == PublishKind::kFailed) {
                         responder->error(AppError(ErrorCode::kUnavailable,
                                                   "The replay was not accepted: the message "
                                                   "broker is unavailable; retry later",
                                                   {}, outcome.reason));
                         return;
                       }
                       responder->add_header("Location", "/api/v1/tasks/" + id);
                       responder->json(Http::Code::Accepted,
                                       fmt::format(R"({{"id":"{0}","status":"replay_requested",)"
                                                   R"("attempt":{1},)"
                                                   R"("links":{{"self":"/api/v1/tasks/{0}"}}}})",
                                                   id, attempt));
                     });
}

void DeadLetters::replay_all(RequestContext& context) {
  const auto service = context.query("service");
  if (!service || services_.find_service(*service) == nullptr) {
    throw AppError(ErrorCode::kValidation, "Give the service whose dead letters to replay",
                   R"([{"field":"service","message":"must be a configured service"}])");
  }
  refuse_internal(services_.find_service(*service), *service);
  const auto action = context.query("action");
  // Callers other than admins replay the tasks they submitted, as they read them.
  std::optional<std::string> owner;
  if (context.principal != nullptr && !context.principal->admin) owner = context.principal->name;
  std::vector<storage::Replay> replays;
  bool has_more = false;
  {
    auto lease = pool_.acquire();
    pqxx::read_transaction tx(*lease);
    auto ids = storage::dead_task_ids(tx, *service, action, kReplayBatch + 1, owner);
    has_more = ids.size() > static_cast<std::size_t>(kReplayBatch);
    if (has_more) ids.pop_back();
    for (const auto& id : ids) {
      if (auto replay = storage::prepare_replay(tx, id, 0)) replays.push_back(std::move(*replay));
    }
  }
  for (auto& replay : replays) {
    replay.next.max_attempts += attempts_for(replay.next.service, replay.next.action);
  }
  auto summary = [service = *service, action, has_more](int replayed, int refused) {
    return fmt::format(R"({{"service":"{}","action":{},"replayed":{},"refused":{},"has_more":{}}})",
                       service, action ? fmt::format("\"{}\"", *action) : "null", replayed, refused,
                       has_more ? "true" : "false");
  };
  if (replays.empty()) {
    context.responder.json(Http::Code::Accepted, summary(0, 0));
    return;
  }
  // Answer once the broker has settled every replay.
  struct Progress {
    std::atomic<int> pending;
    std::atomic<int> refused{0};
  };
  auto progress = std::make_shared<Progress>();
  progress->pending = static_cast<int>(replays.size());
  auto responder = context.answer_later();
  const int total = static_cast<int>(replays.size());
  for (const auto& replay : replays) {
    publisher_.publish(replay.next, std::nullopt,
                       [responder, progress, summary, total](const amqp::PublishOutcome& outcome) {
                         if (outcome.kind == PublishKind::kFailed) ++progress->refused;
                         if (--progress->pending > 0) return;
                         const int refused = progress->refused.load();
                         if (refused == total) {
                           responder->error(AppError(ErrorCode::kUnavailable,
                                                     "No replay was accepted: the message broker "
                                                     "is unavailable; retry later"));
                           return;
                         }
                         responder->json(Http::Code::Accepted, summary(total - refused, refused));
                       });
  }
}

}  // namespace switchyard::api
