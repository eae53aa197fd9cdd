#pragma once
// What every resource of the incident catalog (services, teams and on-call,
// impact scopes, runbooks, tags) does the same way, Django-REST style:
//   - a write is an incidents.* task built from a fully validated request and
//     awaited; once the worker committed, the row is read back and answered
//     (201 for a create, 200 for an update, 204 for a delete), or 202 with the
//     task's link past MAX_WAIT_SECONDS; the worker's refusals map as
//     AwaitedWriter says (conflict 409, not found 404);
//   - a list is a page (imas_pages); ids in paths are UUIDs, anything else is 404;
//   - a write's payload is a JSON object (Payload) that carries, for a PATCH, only
//     the fields given, so the repository leaves the others as they are.
#include <rapidjson/document.h>

#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "db/connection_pool.hpp"
#include "domain/task_kind.hpp"
#include "http/awaited_writer.hpp"
#include "incidents/imas_fields.hpp"
#include "incidents/imas_pages.hpp"
#include "request_context.hpp"
#include "storage/incidents/catalog_rows.hpp"

namespace switchyard::api::incidents {

// POST (every required field, absent ones get their defaults), PUT (the same on an
// existing row), PATCH (only the fields given).
enum class WriteMode { kCreate, kReplace, kPatch };
inline bool is_full(WriteMode mode) { return mode != WriteMode::kPatch; }
// The row whose own name a write may keep (for a unique-name check): the one it
// changes; none for a create.
inline std::optional<std::string> changed_row(WriteMode mode, const std::string& id) {
  return mode == WriteMode::kCreate ? std::nullopt : std::optional<std::string>(id);
}

// A task payload under construction: a JSON object.
class Payload {
 public:
  Payload() { doc_.SetObject(); }
  void set_text(std::string_view key, std::string_view value);
  void set_optional(std::string_view key,
                    const std::optional<std::string>& value);  // null: nullopt
  void set_int(std::string_view key, std::int64_t value);
  void set_bool(std::string_view key, bool value);
  void set_value(std::string_view key, rapidjson::Value& value);  // moved in
  void set_object(std::string_view key, Payload& object);         // copied in
  void set_empty_list(std::string_view key);
  void append(std::string_view key, const Payload& item);  // to the list `key` (copied in)
  bool has(std::string_view key) const;
  rapidjson::Document::AllocatorType& allocator() { return doc_.GetAllocator(); }
  std::string text() const;

 private:
  rapidjson::Document doc_;
};

// What tells the catalog's resources apart where they work alike (get, the
// target of a write, its answer, delete).
struct CatalogResource {
  std::string_view not_found;  // the 404's message: "Tag not found."
  domain::TaskKind create;
  domain::TaskKind update;
  domain::TaskKind remove;
  bool (*exists)(pqxx::transaction_base& tx, const std::string& id);
  std::optional<std::string> (*find_json)(pqxx::transaction_base& tx, const std::string& id);
};

class CatalogWrites {
 public:
  // Reads the committed row for the answer; nullopt answers 404 (deleted meanwhile).
  using Show = std::function<std::optional<std::string>(pqxx::read_transaction&)>;

  CatalogWrites(AwaitedWriter& writer, db::ConnectionPool& pool, std::string public_url)
      : writer_(writer), pool_(pool), public_url_(std::move(public_url)) {}

  // Publishes `kind` and answers `status` with what `show` reads once committed.
  void write(RequestContext& context, domain::TaskKind kind, const std::string& payload,
             Pistache::Http::Code status, Show show);
  // Publishes `kind` and answers 204 once committed.
  void remove(RequestContext& context, domain::TaskKind kind, const std::string& payload);
  // GET of the path's row: 200 with it, or 404.
  void get(RequestContext& context, const CatalogResource& resource);
  // The row a write addresses: a new id for a create, else the path's, which
  // must exist (404).
  std::string target(RequestContext& context, const CatalogResource& resource, WriteMode mode);
  // Publishes the create or the update of row `id` with `payload` (its id added)
  // and answers 201 or 200 with the row once committed.
  void save(RequestContext& context, const CatalogResource& resource, WriteMode mode,
            const std::string& id, Payload& payload);
  // DELETE of the path's row: 404 when it is absent; `refuse` may throw (a 409
  // for a row still in use). 204 once committed.
  using Refusal = std::function<void(pqxx::read_transaction&, const std::string& id)>;
  void remove(RequestContext& context, const CatalogResource& resource,
              const Refusal& refuse = nullptr);
  // 200 with the page.
  void answer_page(RequestContext& context, const PageRequest& page,
                   const storage::incidents::JsonPage& rows) const;
  // 200 with `json`, 404 `not_found` for nullopt.
  static void answer_found(RequestContext& context, const std::optional<std::string>& json,
                           std::string_view not_found);

  template <class Read>
  auto read(Read&& read) {
    return pool_.read(std::forward<Read>(read));
  }

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
  std::string public_url_;
};

AppError not_found(std::string_view message);
AppError conflict(std::string_view message);

// The path parameter `name` as a lowercase UUID; 404 `not_found` for anything else.
std::string catalog_id(const RequestContext& context, const std::string& name,
                       std::string_view not_found);
// A text query parameter (at most 200 characters, no NUL: 400 naming it); nullopt
// when absent or empty.
std::optional<std::string> text_parameter(const RequestContext& context, const std::string& name);
// A UUID query parameter, lowercase; 400 naming it when it is not one.
std::optional<std::string> uuid_parameter(const RequestContext& context, const std::string& name);

// Whether `body` names `field` (null included): a PATCH changes only those.
bool given(const rapidjson::Value& body, const char* field);
// `object`'s members renamed prefix + name ("on_call." + "time_zone"), so that the
// imas_fields readers name a nested field whole in their errors.
rapidjson::Document prefixed(const rapidjson::Value& object, const std::string& prefix);
// A reference given as the answer shows it ({"id": ..., "name": ...}) becomes its
// id, so that what a client read it may write back: `body[field]`, or each item
// of it when it is a list.
void references_as_ids(rapidjson::Document& body, const char* field);
// Every member of `body` is in `writable` or `read_only` (the fields an answer
// shows, which a client may send back unchanged: they are ignored); others are
// recorded "Unknown field.".
void refuse_unknown(const rapidjson::Value& body, std::vector<std::string_view> writable,
                    const std::vector<std::string_view>& read_only, FieldErrors& errors);

}  // namespace switchyard::api::incidents
