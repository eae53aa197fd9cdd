#include "tasks/task_queries.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <regex>

#include "config/services_config.hpp"
#include "domain/task_status.hpp"
#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/tasks/task_throughput.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

constexpr int kMaxLimit = 500;

// A service or action name parameter; 400 unless it is one.
std::optional<std::string> name_query(const RequestContext& context, const std::string& field) {
  auto name = context.query(field);
  if (name && !config::is_valid_name(*name)) {
    throw invalid_query(field, "must match [a-z][a-z0-9_-]*");
  }
  return name;
}

// An integer parameter from 1 to `max`, `fallback` when absent; 400 otherwise.
int bounded_query(const RequestContext& context, const std::string& field, int fallback, int max) {
  const auto text = context.query(field);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < 1 || value > max) {
    throw invalid_query(field, fmt::format("must be an integer from 1 to {}", max));
  }
  return value;
}

storage::TaskListFilter read_filter(const RequestContext& context) {
  storage::TaskListFilter filter;
  filter.service = name_query(context, "service");
  filter.action = name_query(context, "action");
  filter.status = context.query("status");
  if (filter.status && !domain::parse_task_status(*filter.status)) {
    throw invalid_query(
        "status",
        "must be one of scheduled, queued, running, retrying, succeeded, failed, dead, cancelled");
  }
  filter.until = context.query("until");
  if (filter.until && !is_iso8601(*filter.until)) {
    throw invalid_query("until", "must be an ISO 8601 date or date-time");
  }
  const PagePosition position = read_page_position(context);
  filter.since = position.since;
  filter.cursor = position.cursor;
  filter.limit = position.limit;
  return filter;
}

}  // namespace

AppError invalid_query(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kValidation,
                  fmt::format("Invalid query parameter {}: {}", field, message),
                  field_error(field, message));
}

PagePosition read_page_position(const RequestContext& context) {
  PagePosition position;
  position.since = context.query("since");
  if (position.since && !is_iso8601(*position.since)) {
    throw invalid_query("since", "must be an ISO 8601 date or date-time");
  }
  position.cursor = context.query("cursor");
  if (position.cursor && !envelope::is_valid_uuid(*position.cursor)) {
    throw invalid_query("cursor", "must be the next_cursor of a previous page");
  }
  position.limit = bounded_query(context, "limit", position.limit, kMaxLimit);
  return position;
}

void require_task_id(const std::string& id) {
  if (!envelope::is_valid_uuid(id)) {
    throw AppError(ErrorCode::kValidation, "The task id must be a UUID",
                   R"([{"field":"id","message":"must be a UUID"}])");
  }
}

void require_submitter(const Principal* principal, std::string_view submitted_by,
                       std::string_view what) {
  if (principal == nullptr || principal->admin || principal->name == submitted_by) return;
  throw AppError(ErrorCode::kForbidden, fmt::format("This {} belongs to another caller", what));
}

void require_owner(const Principal* principal, const std::string& view_json,
                   std::string_view what) {
  if (principal == nullptr || principal->admin) return;
  rapidjson::Document view;
  view.Parse(view_json.c_str());
  const auto by = view.IsObject() ? view.FindMember("submitted_by") : view.MemberEnd();
  const bool named = by != view.MemberEnd() && by->value.IsString();
  // No submitter to compare is nobody's: refused like another caller's.
  require_submitter(principal, named ? by->value.GetString() : std::string_view("\n"), what);
}

void TaskQueries::get(RequestContext& context) {
  const std::string id = path_string(context, "id");
  require_task_id(id);
  const auto task =
      pool_.read([&](pqxx::read_transaction& tx) { return storage::find_task_json(tx, id); });
  if (!task) throw AppError(ErrorCode::kNotFound, fmt::format("No task {}", id));
  require_owner(context.principal, *task);
  context.responder.json(Http::Code::Ok, *task);
}

void TaskQueries::list(RequestContext& context) {
  storage::TaskListFilter filter = read_filter(context);
  // A task submitted with an idempotency key has the id derived from its
  // submitter and the key: found by that id, never by reading the keys.
  if (const auto key = context.query("idempotency_key")) {
    if (key->empty() || key->size() > 255) {
      throw invalid_query("idempotency_key", "must be 1 to 255 characters");
    }
    const auto submitted_by = context.query("submitted_by");
    const bool admin = context.principal == nullptr || context.principal->admin;
    if (admin && !submitted_by) {
      throw invalid_query("submitted_by",
                          "is needed with idempotency_key: a key names a task of "
                          "one submitter");
    }
    if (!admin && submitted_by && *submitted_by != context.principal->name) {
      throw AppError(ErrorCode::kForbidden, "These tasks belong to another caller");
    }
    filter.id = envelope::idempotent_task_id(admin ? *submitted_by : context.principal->name, *key);
  }
  list_filtered(context, filter);
}

void TaskQueries::list_in_status(RequestContext& context, std::string_view status) {
  storage::TaskListFilter filter = read_filter(context);
  filter.status = std::string(status);
  list_filtered(context, filter);
}

void TaskQueries::list_filtered(RequestContext& context, storage::TaskListFilter filter) {
  // Admins see every task; other callers their own.
  if (context.principal != nullptr && !context.principal->admin) {
    filter.submitted_by = context.principal->name;
  }
  const std::optional<storage::TaskPage> listed =
      pool_.read([&](pqxx::read_transaction& tx) { return storage::list_tasks(tx, filter); });
  if (!listed) {
    throw invalid_query("cursor", "names a task no longer kept; list again from the first page");
  }
  const storage::TaskPage& page = *listed;
  context.responder.json(Http::Code::Ok,
                         cursor_page_json(page.items_json, filter.limit, page.next_cursor));
}

std::string cursor_page_json(const std::vector<std::string>& items_json, int limit,
                             const std::optional<std::string>& next_cursor) {
  std::string body = R"({"items":[)";
  for (std::size_t i = 0; i < items_json.size(); ++i) {
    if (i > 0) body.push_back(',');
    body.append(items_json[i]);
  }
  body.append(fmt::format(R"(],"limit":{},"has_more":{},"next_cursor":)", limit,
                          next_cursor ? "true" : "false"));
  body.append(next_cursor ? fmt::format("\"{}\"}}", *next_cursor) : "null}");
  return body;
}

void TaskQueries::stats(RequestContext& context) {
  const auto counts =
      pool_.read([&](pqxx::read_transaction& tx) { return storage::count_tasks(tx); });

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  std::int64_t total = 0;
  w.StartObject();
  w.Key("by_status");
  w.StartObject();
  for (domain::TaskStatus status : domain::kAllTaskStatuses) {
    const auto name = domain::to_string(status);
    std::int64_t n = 0;
    for (const auto& c : counts) {
      if (c.status == name) n += c.count;
    }
    total += n;
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.Int64(n);
  }
  w.EndObject();
  w.Key("by_service");
  w.StartObject();
  for (std::size_t i = 0; i < counts.size();) {
    const std::string& service = counts[i].service;
    w.Key(service.c_str(), static_cast<rapidjson::SizeType>(service.size()));
    w.StartObject();
    for (; i < counts.size() && counts[i].service == service; ++i) {
      w.Key(counts[i].status.c_str(), static_cast<rapidjson::SizeType>(counts[i].status.size()));
      w.Int64(counts[i].count);
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("total");
  w.Int64(total);
  w.EndObject();
  context.responder.json(Http::Code::Ok, std::string_view(buffer.GetString(), buffer.GetSize()));
}

void TaskQueries::throughput(RequestContext& context) {
  const int minutes = bounded_query(context, "minutes", 60, storage::kThroughputHistoryMinutes);
  const auto service = name_query(context, "service");
  const auto body = pool_.read([&](pqxx::read_transaction& tx) {
    return storage::task_throughput_json(tx, minutes, service);
  });
  context.responder.json(Http::Code::Ok, body);
}

}  // namespace switchyard::api
