#pragma once
// Settled<T>: how a tracker write ends for the door that asked for it (a REST
// route, a gRPC method) — the stored record, a task still queued past
// MAX_WAIT_SECONDS, or an error — so the actions (event_actions, catalog_actions,
// lock_actions) publish and read once, and each door only answers.
#include <functional>
#include <memory>
#include <string>

#include "errors/app_error.hpp"
#include "http/awaited_writer.hpp"
#include "http/caught_error.hpp"
#include "http/responder.hpp"

namespace switchyard::api::tracker {

template <class T>
struct Settled {
  std::function<void(const T& record)> stored;  // on a BlockingWork thread
  std::function<void(const std::string& task_id)> queued;
  std::function<void(const AppError& error)> failed;
};

// The writer's callbacks for `settled`: the worker's result is read into the
// record by `read` (which may read the database, or throw an AppError such as
// 404 or 409: it then goes to `failed`).
template <class T, class Read>
WriteCallbacks settle(Settled<T> settled, Read read) {
  return {[stored = std::move(settled.stored), read = std::move(read)](const std::string& result) {
            stored(read(result));
          },
          std::move(settled.queued), std::move(settled.failed)};
}

// Runs `publish` (validation, then the write) with `done`; what it throws goes
// to `done.failed`, so a door that has already taken its answer out
// (RequestContext::answer_later) still answers a refused request.
template <class T, class Publish>
void publishing(Settled<T> done, Publish publish) {
  const auto failed = done.failed;
  try {
    publish(std::move(done));
  } catch (...) {
    failed(caught_error());
  }
}

// REST: answers through `responder` — `answer` with the stored record, 202 with
// the task's link, or the error in the route's format.
template <class T>
Settled<T> answering(std::shared_ptr<Responder> responder,
                     std::function<void(Responder&, const T&)> answer) {
  return {[responder, answer = std::move(answer)](const T& record) { answer(*responder, record); },
          [responder](const std::string& task_id) { answer_queued(*responder, task_id); },
          [responder](const AppError& error) { responder->error(error); }};
}

}  // namespace switchyard::api::tracker
