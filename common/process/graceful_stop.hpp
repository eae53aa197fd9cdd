#pragma once
// Waits for a service loop to finish after stop() was requested, at most `grace`.
// Past it, the process ends at once (exit code 0, as for any requested stop): what
// the loop still held unacked returns to its queue when the connection drops, so
// a stuck handler cannot keep a deployment from rolling.
#include <chrono>
#include <future>
#include <string_view>

namespace switchyard::process {

// `done` becomes ready when the loop has returned.
void await_or_exit(std::future<void>& done, std::chrono::seconds grace, std::string_view who);

}  // namespace switchyard::process
