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
