#include "service_pool.hpp"

#include <utility>

namespace switchyard::workers {

ServicePool::ServicePool(std::string name, std::set<std::string> services,
                         TaskConsumerOptions options, ServicePoolParts parts)
    : name_(std::move(name)), services_(std::move(services)) {
  runners_ = std::make_unique<RunnerPool>(parts.executor, parts.started, parts.concurrency,
                                          parts.max_stuck);
  completer_ = std::make_unique<Completer>(parts.executor, parts.services, parts.started, *runners_,
                                           parts.metrics);
  options.services = services_;
  options.metrics = parts.metrics;
  options.must_restart = [runners = runners_.get(), restart = std::move(parts.request_restart)] {
    if (!runners->needs_restart()) return false;
    restart();
    return true;
  };
  consumer_ = std::make_unique<TaskConsumer>(std::move(options), parts.services, *completer_);
}

ServicePool::~ServicePool() {
  if (loop_.joinable()) {
    consumer_->stop();
    loop_.join();
  }
}

void ServicePool::start() {
  std::packaged_task<void()> work([consumer = consumer_.get()] { consumer->run(); });
  done_ = work.get_future();
  loop_ = std::thread(std::move(work));
}

void ServicePool::join() {
  if (loop_.joinable()) loop_.join();
}

std::map<std::string, ServicePool::Members> ServicePool::group(
    const config::ServicesConfig& services, const std::set<std::string>& served) {
  std::map<std::string, Members> pools;
  for (const auto& name : served) {
    const config::ServiceConfig* service = services.find_service(name);
    Members& members = pools[service != nullptr ? service->pool : "default"];
    members.services.insert(name);
    members.concurrency = services.pool_concurrency(name);
  }
  return pools;
}

}  // namespace switchyard::workers
