// tracker_grpc_bench: the tracker's create-event rate through its two doors, in
// one run against one stack — REST (POST /api/v1alpha1/event) then gRPC
// (EventService/CreateEvent) — with the same closed loop: `clients` threads each
// creating events back to back for `seconds`. Each create is a tracker task
// awaited until the worker has stored the row, so this measures the whole write
// path, not the door alone. Prints one line per door and a JSON line.
// Usage: tracker_grpc_bench [--rest URL] [--grpc HOST:PORT] [--key KEY]
//                           [--seconds S] [--clients C]
// (make bench-grpc runs it against the local stack: scripts/bench/grpc.sh)
#include <fmt/format.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "tracker/event/v1alpha1/event.grpc.pb.h"

namespace {

namespace event_pb = ::tracker::event::v1alpha1;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string rest = "http://127.0.0.1:8000";
  std::string grpc = "127.0.0.1:8765";
  std::string key = "dev-admin-key";
  int seconds = 15;
  int clients = 16;
};

struct Result {
  std::size_t ok = 0;
  std::size_t failed = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;

  double rate() const { return static_cast<double>(ok) / seconds; }
  double percentile(double p) const {
    if (latencies_ms.empty()) return 0;
    return latencies_ms[static_cast<std::size_t>(p * static_cast<double>(latencies_ms.size() - 1))];
  }
};

// `clients` threads, each calling `make_caller(i)()` (true: created) until the
// deadline.
Result closed_loop(const Options& options,
                   const std::function<std::function<bool()>(int)>& make_caller) {
  std::vector<Result> per_thread(static_cast<std::size_t>(options.clients));
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(options.seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < options.clients; ++i) {
    threads.emplace_back([&, i] {
      auto call = make_caller(i);
      Result& mine = per_thread[static_cast<std::size_t>(i)];
      while (Clock::now() < deadline) {
        const auto before = Clock::now();
        const bool created = call();
        const std::chrono::duration<double, std::milli> took = Clock::now() - before;
        if (created) {
          ++mine.ok;
          mine.latencies_ms.push_back(took.count());
        } else {
          ++mine.failed;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Result all;
  all.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& one : per_thread) {
    all.ok += one.ok;
    all.failed += one.failed;
    all.latencies_ms.insert(all.latencies_ms.end(), one.latencies_ms.begin(),
                            one.latencies_ms.end());
  }
  std::sort(all.latencies_ms.begin(), all.latencies_ms.end());
  return all;
}

Result bench_rest(const Options& options) {
  return closed_loop(options, [&](int client) -> std::function<bool()> {
    auto http = std::make_shared<switchyard::testing::HttpClient>(options.rest);
    const std::map<std::string, std::string> headers{{"Authorization", "Bearer " + options.key},
                                                     {"Content-Type", "application/json"}};
    const std::string body = fmt::format(
        R"({{"title":"bench","attributes":{{"type":"deployment","service":"bench-rest-{}"}}}})",
        client);
    return [http, headers, body] {
      return http->request("POST", "/api/v1alpha1/event", body, headers).status == 200;
    };
  });
}

Result bench_grpc(const Options& options) {
  auto channel = grpc::CreateChannel(options.grpc, grpc::InsecureChannelCredentials());
  return closed_loop(options, [&](int client) -> std::function<bool()> {
    auto stub =
        std::shared_ptr<event_pb::EventService::Stub>(event_pb::EventService::NewStub(channel));
    event_pb::CreateEventRequest request;
    request.set_title("bench");
    request.mutable_attributes()->set_type(event_pb::deployment);
    request.mutable_attributes()->set_service(fmt::format("bench-grpc-{}", client));
    return [stub, request, key = options.key] {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + key);
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
      event_pb::CreateEventResponse response;
      return stub->CreateEvent(&context, request, &response).ok();
    };
  });
}

void print(const char* door, const Result& result) {
  fmt::print(
      "{:<5} {:>8.0f} events/s   ok {:>7}  failed {:>5}   p50 {:>6.1f} ms  p99 {:>6.1f} ms\n", door,
      result.rate(), result.ok, result.failed, result.percentile(0.5), result.percentile(0.99));
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--rest")
      options.rest = value;
    else if (name == "--grpc")
      options.grpc = value;
    else if (name == "--key")
      options.key = value;
    else if (name == "--seconds")
      options.seconds = std::atoi(value.c_str());
    else if (name == "--clients")
      options.clients = std::atoi(value.c_str());
    else {
      fmt::print(stderr, "unknown option {}\n", name);
      std::exit(2);
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  fmt::print("create-event, {} clients, {} s per door; REST {}, gRPC {}\n", options.clients,
             options.seconds, options.rest, options.grpc);
  const Result rest = bench_rest(options);
  print("REST", rest);
  const Result grpc = bench_grpc(options);
  print("gRPC", grpc);
  fmt::print(
      R"({{"clients":{},"seconds":{},"rest_per_s":{:.0f},"rest_p99_ms":{:.1f},"grpc_per_s":{:.0f},"grpc_p99_ms":{:.1f}}})"
      "\n",
      options.clients, options.seconds, rest.rate(), rest.percentile(0.99), grpc.rate(),
      grpc.percentile(0.99));
  return rest.ok > 0 && grpc.ok > 0 ? 0 : 1;
}
