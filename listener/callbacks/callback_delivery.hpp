#pragma once
// CallbackDelivery: the listener's small pool that POSTs completion callbacks
// (docs/callbacks.md). Each of its threads has its own database connection and
// HTTP session, claims one due callback at a time (callback_store.hpp), POSTs the
// task's JSON signed with the client's secret, and records the answer: a 2xx is
// delivered; anything else is tried again after 1 s, 2 s, 4 s … (at most
// max_backoff apart) until give_up_after has passed since the task's final
// state, then given up. Before each attempt the URL's host is resolved and
// checked (a name can resolve elsewhere since the submission) and the connection
// pinned to the address checked. Pending callbacks live in the
// database, so a restarted listener goes on with them; several listeners share
// them, each delivered by one.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "callbacks/callback_store.hpp"
#include "config/clients_config.hpp"
#include "listener_metrics.hpp"
#include "net/http_session.hpp"
#include "process/background_loop.hpp"

namespace switchyard::listener {

struct CallbackDeliveryOptions {
  std::string database_url;
  int threads = 2;
  bool allow_private = true;            // CALLBACK_ALLOW_PRIVATE
  std::chrono::milliseconds poll{250};  // how often an idle thread looks for due callbacks
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(10)};
  std::chrono::milliseconds give_up_after{std::chrono::hours(1)};
};

class CallbackDelivery {
 public:
  CallbackDelivery(CallbackDeliveryOptions options, const config::ClientsConfig& clients,
                   ListenerMetrics& metrics);
  ~CallbackDelivery();

  void start();
  void stop();

 private:
  struct Runner {
    std::unique_ptr<process::BackgroundLoop> loop;
  };
  void run(process::BackgroundLoop& loop);
  // One attempt of one claimed callback, recorded.
  void deliver(pqxx::connection& db, net::HttpSession& http, const ClaimedCallback& callback);

  CallbackDeliveryOptions options_;
  const config::ClientsConfig& clients_;
  ListenerMetrics& metrics_;
  std::vector<std::unique_ptr<Runner>> runners_;  // last: they stop first
};

}  // namespace switchyard::listener
