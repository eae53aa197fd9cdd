#include "incidents/imas_pages.hpp"

#include <fmt/format.h>
#include <pistache/http_headers.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "incidents/imas_fields.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api::incidents {
namespace {

std::int64_t positive(const RequestContext& context, const char* name, std::int64_t fallback,
                      std::int64_t max) {
  const auto text = context.query(name);
  if (!text) return fallback;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < 1 || value > max) {
    throw invalid_field(name, fmt::format("Must be an integer from 1 to {}.", max));
  }
  return value;
}

// The scheme and authority links start with.
std::string origin(const RequestContext& context, const std::string& public_url) {
  if (!public_url.empty()) return public_url;
  const auto host = context.header("Host");
  return "http://" + (host ? *host : std::string("localhost"));
}

// The request's link with `page` set (or dropped, for page 1) and `pinned` set.
std::string link(const RequestContext& context, const std::string& base,
                 const std::vector<std::pair<std::string, std::string>>& pinned,
                 std::int64_t page) {
  std::map<std::string, std::string> params;  // sorted: a stable link
  const auto& query = context.request.query();
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    params[it->first] = it->second;  // as the client encoded it
  }
  for (const auto& [name, value] : pinned) params[name] = value;
  params.erase("page");
  if (page > 1) params["page"] = std::to_string(page);
  std::string url = base + context.request.resource();
  char separator = '?';
  for (const auto& [name, value] : params) {
    url += separator + name + "=" + value;
    separator = '&';
  }
  return url;
}

}  // namespace

PageRequest read_page_request(const RequestContext& context) {
  PageRequest page;
  page.page = positive(context, "page", 1, 1'000'000'000);
  page.page_size = static_cast<int>(positive(context, "page_size", 20, 100));
  return page;
}

void require_page_exists(const PageRequest& page, std::int64_t count) {
  if (page.page > 1 && page.offset() >= count) {
    throw AppError(ErrorCode::kNotFound, "Invalid page.");
  }
}

std::string page_json(const RequestContext& context, const std::string& public_url,
                      const PageRequest& page, PageCount count,
                      const std::vector<std::string>& results_json,
                      const std::vector<std::pair<std::string, std::string>>& pinned) {
  const std::string base = origin(context, public_url);
  const bool has_next = page.offset() + static_cast<std::int64_t>(results_json.size()) < count.n;
  std::string body = fmt::format(R"({{"count":{},)", count.n);
  if (count.exact) body += fmt::format(R"("count_exact":{},)", *count.exact);
  body += fmt::format(
      R"("next":{},"previous":{},"results":[)",
      has_next ? json::quoted(link(context, base, pinned, page.page + 1)) : "null",
      page.page > 1 ? json::quoted(link(context, base, pinned, page.page - 1)) : "null");
  for (std::size_t i = 0; i < results_json.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += results_json[i];
  }
  body += "]}";
  return body;
}

}  // namespace switchyard::api::incidents
