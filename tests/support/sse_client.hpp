#pragma once
// SseClient: a Server-Sent Events reader for end-to-end tests, written from the
// WHATWG format (not from the code under test): it sends one GET with the given
// headers, then a thread parses `id:`, `event:`, `data:` lines into events until
// the server closes or the client is destroyed. With `read = false` it connects
// with a tiny receive buffer and reads nothing until resume_reading(): a slow
// subscriber.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace switchyard::testing {

struct SseEvent {
  std::string id;
  std::string type;  // "message" when the event had no `event:` line
  std::string data;
};

struct SseOptions {
  bool read = true;
};

class SseClient {
 public:
  SseClient(std::uint16_t port, const std::string& target,
            const std::map<std::string, std::string>& headers, SseOptions options = {});
  ~SseClient();
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  // The status of the answer (0 until its head arrived), its head and, for an
  // answer that is not a stream, its body.
  int status();
  std::string head();
  std::string body();
  std::vector<SseEvent> events();
  // Whether the server closed the stream.
  bool closed() const { return closed_.load(); }
  void resume_reading();

  // Waits until `condition(events)` holds; false past `timeout`.
  bool wait_for(const std::function<bool(const std::vector<SseEvent>&)>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Waits for the answer's head.
  bool wait_for_head(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  void run();
  void parse_line(const std::string& line);

  int fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> closed_{false};
  std::atomic<bool> reading_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int status_ = 0;
  std::string head_;
  std::string body_;
  std::vector<SseEvent> events_;
  SseEvent pending_;
  std::thread thread_;
};

}  // namespace switchyard::testing
