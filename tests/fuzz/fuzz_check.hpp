#pragma once
// What a fuzz target reports besides crashes, sanitizer errors and uncaught
// exceptions: a broken promise of the code under test. It prints what was
// expected and aborts, so libFuzzer saves the input like any other crash.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace switchyard::fuzz {

inline void check(bool promise_kept, std::string_view promise) {
  if (promise_kept) return;
  std::fprintf(stderr, "fuzz finding: %.*s\n", static_cast<int>(promise.size()), promise.data());
  std::abort();
}

}  // namespace switchyard::fuzz
