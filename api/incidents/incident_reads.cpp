#include "incidents/incident_reads.hpp"

#include <charconv>

#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "incidents/imas_fields.hpp"
#include "incidents/imas_pages.hpp"
#include "incidents/incident_vocabulary.hpp"
#include "storage/incidents/incident_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace repo = storage::incidents;
namespace Http = Pistache::Http;

AppError not_found() { return AppError(ErrorCode::kNotFound, "Incident not found."); }

// A filter parameter that must be one of `choices` (any case).
std::optional<std::string> choice_parameter(const RequestContext& context, const char* name,
                                            const std::vector<std::string_view>& choices) {
  const auto value = context.query(name);
  if (!value) return std::nullopt;
  auto choice = match_choice(*value, choices);
  if (!choice) throw invalid_field(name, "Select a valid choice.");
  return choice;
}

repo::IncidentFilter read_filter(const RequestContext& context) {
  repo::IncidentFilter filter;
  filter.status = choice_parameter(context, "status", kStatuses);
  filter.severity = choice_parameter(context, "severity", kSeverities);
  if (auto service = context.query("service")) {
    if (!envelope::is_valid_uuid(*service)) throw invalid_field("service", "Must be a valid UUID.");
    filter.service_id = *service;
  }
  if (auto search = context.query("search"); search && !search->empty()) {
    if (search->size() > 200 || search->find('\0') != std::string::npos) {
      throw invalid_field("search", "Must be at most 200 characters of text.");
    }
    filter.search = *search;
  }
  if (auto ordering = choice_parameter(context, "ordering", repo::incident_orderings())) {
    filter.ordering = *ordering;
  }
  if (auto as_of = context.query("as_of")) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(as_of->data(), as_of->data() + as_of->size(), value);
    if (ec != std::errc{} || end != as_of->data() + as_of->size() || value < 0) {
      throw invalid_field("as_of", "Must be a non-negative integer.");
    }
    filter.as_of = value;
  }
  return filter;
}

}  // namespace

std::string incident_id_of(const RequestContext& context, db::ConnectionPool& pool) {
  const std::string key = path_string(context, "id");
  if (!envelope::is_valid_uuid(key) && !is_short_id(key)) throw not_found();
  auto id = pool.read([&](pqxx::read_transaction& tx) { return repo::find_incident_id(tx, key); });
  if (!id) throw not_found();
  return *id;
}

void IncidentReads::list(RequestContext& context) {
  repo::IncidentFilter filter = read_filter(context);
  const PageRequest page = read_page_request(context);
  filter.offset = page.offset();
  filter.limit = page.page_size;
  const auto found =
      pool_.read([&](pqxx::read_transaction& tx) { return repo::list_incidents(tx, filter); });
  require_page_exists(page, found.count);
  context.responder.json(Http::Code::Ok,
                         page_json(context, public_url_, page, {found.count, found.count_exact},
                                   found.items_json, {{"as_of", std::to_string(found.as_of)}}));
}

void IncidentReads::get(RequestContext& context) {
  const std::string key = path_string(context, "id");
  if (!envelope::is_valid_uuid(key) && !is_short_id(key)) throw not_found();
  auto detail = pool_.read([&](pqxx::read_transaction& tx) -> std::optional<std::string> {
    const auto id = repo::find_incident_id(tx, key);
    if (!id) return std::nullopt;
    return repo::find_incident_json(tx, *id);
  });
  if (!detail) throw not_found();
  context.responder.json(Http::Code::Ok, *detail);
}

void IncidentReads::comments(RequestContext& context) {
  const PageRequest page = read_page_request(context);
  const std::string id = incident_id_of(context, pool_);
  auto found = pool_.read([&](pqxx::read_transaction& tx) {
    return repo::list_comments(tx, id, page.offset(), page.page_size);
  });
  if (!found) throw not_found();
  require_page_exists(page, found->count);
  context.responder.json(Http::Code::Ok,
                         page_json(context, public_url_, page, found->count, found->items_json));
}

}  // namespace switchyard::api::incidents
