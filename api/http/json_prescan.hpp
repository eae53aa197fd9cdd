#pragma once
// The linear pass parse_json_body makes over a body before RapidJSON sees it:
// the nesting depth, counted outside strings, and the string content RapidJSON
// 1.1 would accept but PostgreSQL cannot store. No recursion and no allocation,
// so it is safe on any input and cheap on the hot path (tens of nanoseconds for
// a typical task body; strings are skipped 16 bytes at a time with SSE2).
// It does not check JSON syntax: RapidJSON's parse, which runs only once the
// depth is known to be within the limit, reports that.
#include <cstddef>
#include <string_view>

namespace switchyard::api {

enum class JsonTextProblem {
  kNone,
  kNul,            // \u0000, or a raw NUL byte anywhere
  kLoneSurrogate,  // \ud800-\udbff not followed by \udc00-\udfff, or the latter alone
};

struct JsonPrescan {
  static constexpr std::size_t kNowhere = static_cast<std::size_t>(-1);

  std::size_t too_deep_at = kNowhere;  // the [ or { past the limit; the scan stops there
  JsonTextProblem problem = JsonTextProblem::kNone;  // the first one, before too_deep_at
  std::size_t problem_at = kNowhere;                 // its byte offset
};

JsonPrescan prescan_json(std::string_view body, std::size_t max_depth);

}  // namespace switchyard::api
