#pragma once
// Page-number pages as the IMAS document answers its lists (Django REST
// framework's PageNumberPagination): ?page=N&page_size=M (20 by default, at most
// 100) → {"count", "next", "previous", "results"}, the links absolute (PUBLIC_URL,
// else the request's Host) and carrying the request's other parameters.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "request_context.hpp"

namespace switchyard::api::incidents {

struct PageRequest {
  std::int64_t page = 1;
  int page_size = 20;
  std::int64_t offset() const { return (page - 1) * page_size; }
};

// 400 naming `page` or `page_size` when one is not a positive integer (page_size
// at most 100).
PageRequest read_page_request(const RequestContext& context);

// 404 {"error": "Invalid page."} for a page past the last (page 1 always exists).
void require_page_exists(const PageRequest& page, std::int64_t count);

// A list's `count`: exact, or (a search with too many matches to count within
// a request) a lower bound that still decides whether a next page exists. The
// lists that can bound it say which it is in `count_exact`.
struct PageCount {
  PageCount(std::int64_t count,
            std::optional<bool> is_exact = std::nullopt)  // NOLINT: an exact count converts
      : n(count), exact(is_exact) {}
  std::int64_t n;
  std::optional<bool> exact;  // emitted as count_exact when set
};

// The page's JSON; `results_json` are the page's items. `pinned` are parameters
// the links set beyond the request's (a listing's as_of).
std::string page_json(const RequestContext& context, const std::string& public_url,
                      const PageRequest& page, PageCount count,
                      const std::vector<std::string>& results_json,
                      const std::vector<std::pair<std::string, std::string>>& pinned = {});

}  // namespace switchyard::api::incidents
