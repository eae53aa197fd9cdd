#pragma once
// MetricsServer: the scrape endpoint of the worker and the listener
// (docs/observability.md): a plain socket on its own thread answering
// `GET /metrics` with what `render` returns, 404 to any other request. One
// request per connection, answered then closed; a scrape never touches the
// process's hot path beyond reading its counters.
// Port 0 turns it off. A port already taken is logged (warning) and the process
// runs on without metrics: scraping is never a reason for a worker not to work.
#include <cstdint>
#include <functional>
#include <string>

#include "process/background_loop.hpp"

namespace switchyard::metrics {

class MetricsServer {
 public:
  MetricsServer(std::uint16_t port, std::function<std::string()> render);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // Binds and starts answering; false when off or the port could not be bound.
  bool start();
  void stop();

 private:
  void serve();
  void answer(int client) const;

  const std::uint16_t port_;
  const std::function<std::string()> render_;
  int socket_ = -1;
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::metrics
