#include "tracker/tracker_paging.hpp"

#include <fmt/format.h>

#include "errors/app_error.hpp"
#include "http/request_fields.hpp"

namespace switchyard::api::tracker {

Paging read_paging(const RequestContext& context) {
  Paging paging;
  try {
    paging.per_page = query_int(context, "per_page", 20, 1, 1000);
    paging.page = query_int(context, "page", 1, 1, 1'000'000);
  } catch (const AppError& e) {
    throw AppError(ErrorCode::kValidation, e.public_message(), e.details_json());
  }
  return paging;
}

namespace {

int checked(std::optional<std::int64_t> value, const char* name, int fallback, int max) {
  if (!value) return fallback;
  if (*value < 1 || *value > max) {
    throw AppError(ErrorCode::kValidation,
                   fmt::format("{}: must be an integer in [1, {}]", name, max),
                   field_error(name, fmt::format("must be an integer in [1, {}]", max)));
  }
  return static_cast<int>(*value);
}

}  // namespace

Paging paging_of(std::optional<std::int64_t> per_page, std::optional<std::int64_t> page) {
  return {checked(per_page, "per_page", 20, 1000), checked(page, "page", 1, 1'000'000)};
}

std::string list_body(const char* key, const std::vector<std::string>& wire_items,
                      std::int64_t total, const std::string& next_page_token) {
  std::string body = fmt::format("{{\"{}\":[", key);
  for (std::size_t i = 0; i < wire_items.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += wire_items[i];
  }
  body += fmt::format("],\"totalCount\":{}", total);
  if (!next_page_token.empty()) body += fmt::format(",\"nextPageToken\":\"{}\"", next_page_token);
  body.push_back('}');
  return body;
}

}  // namespace switchyard::api::tracker
