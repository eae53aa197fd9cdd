#pragma once
// The original Tracker's list answers: {"<items>": [...], "totalCount": N}, paged
// with per_page and page (from 1), the same limits through either door.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "request_context.hpp"

namespace switchyard::api::tracker {

struct Paging {
  int per_page = 20;
  int page = 1;
  int offset() const { return (page - 1) * per_page; }
};

// per_page 1..1000 (default 20), page >= 1 (default 1); 400 otherwise.
Paging read_paging(const RequestContext& context);
// The same from numbers (a gRPC request's, nullopt when not set).
Paging paging_of(std::optional<std::int64_t> per_page, std::optional<std::int64_t> page);
// The same from a gRPC list request's per_page and page wrappers.
template <class Request>
Paging request_paging(const Request& request) {
  return paging_of(
      request.has_per_page() ? std::optional<std::int64_t>(request.per_page().value())
                             : std::nullopt,
      request.has_page() ? std::optional<std::int64_t>(request.page().value()) : std::nullopt);
}

// {"<key>": [wire items], "totalCount": total[, "nextPageToken": token]}
std::string list_body(const char* key, const std::vector<std::string>& wire_items,
                      std::int64_t total, const std::string& next_page_token = {});

}  // namespace switchyard::api::tracker
