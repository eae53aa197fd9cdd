#include "callbacks/callback_delivery.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <pqxx/pqxx>

#include "callbacks/callback_store.hpp"
#include "net/callback_url.hpp"
#include "net/http_session.hpp"
#include "security/callback_signature.hpp"

namespace switchyard::listener {
namespace {

using std::chrono::milliseconds;

// Past the request timeout, so a claim never lapses while its POST may still run.
milliseconds lease_for(const CallbackDeliveryOptions& options) {
  return options.request_timeout * 2 + milliseconds(5000);
}

milliseconds backoff(const CallbackDeliveryOptions& options, int attempts) {
  const int doublings = std::clamp(attempts - 1, 0, 20);  // 2^20 s is past any cap
  const auto delay = options.first_backoff * (1LL << doublings);
  return std::min<milliseconds>(delay, options.max_backoff);
}

std::string unix_seconds_now() {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

}  // namespace

CallbackDelivery::CallbackDelivery(CallbackDeliveryOptions options,
                                   const config::ClientsConfig& clients, ListenerMetrics& metrics)
    : options_(std::move(options)), clients_(clients), metrics_(metrics) {
  for (int i = 0; i < std::max(options_.threads, 1); ++i) {
    auto runner = std::make_unique<Runner>();
    Runner* self = runner.get();  // the body sleeps on its own loop
    runner->loop =
        std::make_unique<process::BackgroundLoop>("callbacks", [this, self] { run(*self->loop); });
    runners_.push_back(std::move(runner));
  }
}

CallbackDelivery::~CallbackDelivery() { stop(); }

void CallbackDelivery::start() {
  for (auto& runner : runners_) runner->loop->start();
}

void CallbackDelivery::stop() {
  for (auto& runner : runners_) runner->loop->stop();
}

void CallbackDelivery::run(process::BackgroundLoop& loop) {
  net::HttpSession http;
  while (loop.running()) {
    try {
      pqxx::connection db(options_.database_url);
      while (loop.running()) {
        const auto callback = claim_due_callback(db, lease_for(options_));
        if (!callback) {
          loop.wait_for(options_.poll);
          continue;
        }
        deliver(db, http, *callback);
      }
    } catch (const std::exception& e) {
      // The database went away (or refused a write): the claimed row's lease ends
      // and it is tried again.
      spdlog::warn("callback delivery: {}; reconnecting", e.what());
      loop.wait_for(std::chrono::seconds(1));
    }
  }
}

void CallbackDelivery::deliver(pqxx::connection& db, net::HttpSession& http,
                               const ClaimedCallback& callback) {
  auto give_up_or_retry = [&](long status, const std::string& error) {
    const auto next = backoff(options_, callback.attempts);
    if (callback.age + next > options_.give_up_after) {
      record_failed(db, callback.task_id, status, error, std::nullopt);
      metrics_.callback(CallbackOutcome::kGivenUp);
      spdlog::warn("callback given up task_id={} attempts={}: {}", callback.task_id,
                   callback.attempts, error.empty() ? "HTTP " + std::to_string(status) : error);
      return;
    }
    record_failed(db, callback.task_id, status, error, next);
    metrics_.callback(CallbackOutcome::kFailed);
  };
  net::HttpRequest request;
  if (auto refused = net::refuse_resolved_callback_url(callback.url, options_.allow_private,
                                                       request.connect_to)) {
    give_up_or_retry(0, "callback_url " + *refused);
    return;
  }
  const std::string& secret = clients_.callback_secret(callback.submitted_by);
  if (secret.empty()) {
    record_failed(db, callback.task_id, 0, "no callbacks.secret to sign with", std::nullopt);
    metrics_.callback(CallbackOutcome::kGivenUp);
    return;
  }
  const std::string timestamp = unix_seconds_now();
  request.method = "POST";
  request.url = callback.url;
  request.body = callback.task_json;
  request.timeout = options_.request_timeout;
  request.headers = {
      "Content-Type: application/json",
      "X-Switchyard-Task-Id: " + callback.task_id,
      "X-Switchyard-Delivery-Attempt: " + std::to_string(callback.attempts),
      "X-Switchyard-Timestamp: " + timestamp,
      "X-Switchyard-Signature: " +
          security::callback_signature(secret, timestamp, callback.task_json),
  };
  // (trace context: a `traceparent` header for the callback goes here.)
  const net::HttpResponse response = http.perform(request);
  if (response.ok()) {
    record_delivered(db, callback.task_id, response.status);
    metrics_.callback(CallbackOutcome::kDelivered);
    return;
  }
  give_up_or_retry(response.status, response.transport_error);
}

}  // namespace switchyard::listener
