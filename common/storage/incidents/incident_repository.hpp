#pragma once
// SQL of incidents (migrations/0016): writing one with its first timeline entry,
// moving it through its lifecycle, comments and tags — each change with its
// timeline entry, in the caller's transaction (the worker's window) — and reading
// them as the IMAS document shows them. JSON is built by PostgreSQL, so a read is
// one round trip.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "storage/sql_statement.hpp"

namespace switchyard::storage::incidents {

struct NewIncident {
  std::string id;  // UUID, chosen by the API
  std::string title;
  std::string description;
  std::string severity;
  std::string service_id;
  std::vector<std::string> impacted_scopes;
  std::optional<std::string> detected_at;  // default: now
  std::optional<std::int64_t> lead_id;
  std::string created_by;  // the task's submitted_by
  // The orchestration workflow's definition (the payload of `workflows.start`),
  // written with the incident (workflow_create): none when absent.
  std::optional<std::string> orchestration;
  std::optional<std::string> submitted_at;  // the workflow's; default: now
};

// Writes the incident, its scopes, its "Incident created" entry and its
// orchestration workflow in one statement (one round trip of the window that
// creates it, docs/incidents.md "Speed"); returns its short id (INC- and six
// characters drawn from the id, another draw on a clash) and, from the same
// statement, how its escalation starts.
struct CreatedIncident {
  std::string short_id;
  // The wait (seconds) before level 1 of its service's escalation policy, read in
  // the same statement; nullopt when the service has none (migrations/0028).
  std::optional<int> escalation_wait;
};
CreatedIncident insert_incident(pqxx::transaction_base& tx, const NewIncident& incident);

// The lifecycle (docs/incidents.md, "Lifecycle"): TRIGGERED → ACKNOWLEDGED →
// MITIGATED → RESOLVED; mitigating skips acknowledging and resolving skips both,
// and the first move out of TRIGGERED also stamps acknowledged_at.
enum class Move { kAcknowledge, kMitigate, kResolve };

struct MoveRequest {
  std::string incident_id;
  std::string actor;
  std::optional<std::string> message;          // acknowledge, mitigate: the note
  std::optional<std::string> resolution_note;  // resolve
  std::optional<std::string> root_cause;       // resolve
};

struct MoveOutcome {
  enum class Kind { kMoved, kNotFound, kRefused } kind = Kind::kMoved;
  std::string status;       // kRefused: the status that refused the move
  std::string answer_json;  // kMoved: the document's answer to the move
};

MoveOutcome move_incident(pqxx::transaction_base& tx, Move move, const MoveRequest& request);

struct NewComment {
  std::string id;  // UUID, chosen by the API
  std::string incident_id;
  std::string content;
  std::string comment_type;
  std::string author;
};

// The comment as the API shows it; nullopt when the incident is unknown.
std::optional<std::string> insert_comment(pqxx::transaction_base& tx, const NewComment& comment);

// Attaches the tags named (creating unknown names in the catalog); the
// incident's tags afterwards as the API shows them, nullopt when it is unknown.
std::optional<std::string> add_tags(pqxx::transaction_base& tx, const std::string& incident_id,
                                    const std::vector<std::string>& names,
                                    const std::string& actor);

// The incident a path names: its UUID or its short id (any case).
std::optional<std::string> find_incident_id(pqxx::transaction_base& tx, const std::string& key);

// The document's detail of an incident (service, scopes, lead, KPIs, timeline…).
std::optional<std::string> find_incident_json(pqxx::transaction_base& tx, const std::string& id);

// What a new incident must refer to: the service and the scopes exist, and the
// detection time is not in the future.
struct CreationCheck {
  bool service_exists = false;
  std::vector<std::string> unknown_scopes;
  bool detected_in_past = true;
};
CreationCheck check_creation(pqxx::transaction_base& tx, const std::string& service_id,
                             const std::vector<std::string>& scopes,
                             const std::optional<std::string>& detected_at);

struct IncidentFilter {
  std::optional<std::string> status;
  std::optional<std::string> severity;
  std::optional<std::string> service_id;
  std::optional<std::string> search;  // in title and description
  std::string ordering = "-created_at";
  // The newest incident the first page saw: later pages leave out incidents
  // created since, so paging through stays put (absent: now).
  std::optional<std::int64_t> as_of;
  std::int64_t offset = 0;
  int limit = 20;
};

// A `search` is answered one of two ways (docs/operations.md, "Reads at
// scale"). Its matches few: along the index of the words' suffixes (migration
// 0029), counting at most kSearchMatchesCounted of them (or one past the page).
// Its matches many among the filters' incidents: by walking those incidents
// newest first and checking each one's text, the count being the matches among
// the newest kSearchRowsWalked of them (at least one past the page when there is
// a next page). That count is taken first and tells which (search_path). Past either bound the
// count is a lower bound (count_exact false) that still tells whether a next page exists
// (docs/incidents.md, "Search").
enum class SearchPath { kIndex, kWalk };
inline constexpr std::int64_t kSearchMatchesCounted = 1000;
inline constexpr std::int64_t kSearchRowsWalked = 2000;
inline constexpr std::int64_t kSearchPageRowsWalked = 6000;

struct IncidentPage {
  // Exact, but for a search with more matches than list_incidents counts: then
  // a lower bound past the page (count_exact false), so a next page is known.
  std::int64_t count = 0;
  bool count_exact = true;
  std::int64_t as_of = 0;
  std::vector<std::string> items_json;
};

// The orderings a list accepts (IncidentFilter::ordering).
const std::vector<std::string_view>& incident_orderings();

IncidentPage list_incidents(pqxx::transaction_base& tx, const IncidentFilter& filter);

// The statements list_incidents runs for a list pinned at `as_of`, `newest` being
// the newest incident's seq: the count and the page's documents. Without
// `search` the count is exact, from the kept counts; with it, `path` says how it
// is answered (see SearchPath): kIndex counts at most `count_limit` matches,
// kWalk answers the matches and the incidents among the newest `rows_walked`
// and asks the page for one incident more than the limit, so that a next page
// is known. Apart for the plan test (issue #24).
struct IncidentListStatements {
  SqlStatement count;
  std::optional<std::int64_t> count_limit;
  std::optional<std::int64_t> rows_walked;
  SqlStatement page;
  int fetch = 0;  // the page's rows asked for
};
IncidentListStatements incident_list_statements(const IncidentFilter& filter, std::int64_t as_of,
                                                std::int64_t newest,
                                                SearchPath path = SearchPath::kIndex);

// How list_incidents answers a search whose walk's count found `matches` among
// the `walked` newest incidents of the filters (at most kSearchRowsWalked), the
// page needing `needed` matches (offset + limit + 1): kWalk when the walk read
// every incident of the filters, found the page, or would find it within
// kSearchPageRowsWalked incidents at that rate, or when the term has no word
// the index can look up (`indexable` false: punctuation, one character);
// kIndex otherwise.
SearchPath search_path(std::int64_t matches, std::int64_t walked, std::int64_t needed,
                       bool indexable);

struct CommentPage {
  std::int64_t count = 0;
  std::vector<std::string> items_json;  // oldest first
};
// nullopt when the incident is unknown.
std::optional<CommentPage> list_comments(pqxx::transaction_base& tx, const std::string& incident_id,
                                         std::int64_t offset, int limit);

}  // namespace switchyard::storage::incidents
