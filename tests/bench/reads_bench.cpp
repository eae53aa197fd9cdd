// reads_bench: times every list read the API runs, through the
// repository code the API calls, against a database filled by
// scripts/bench/reads_fill.sql (make bench-reads, scripts/bench/reads.sh).
// Each row is one filter combination of one endpoint; its calls draw the filter
// values at random among those in the data (every service, status and caller,
// actions of the service and now and then of another, since from minutes to
// weeks ago, cursors anywhere in the ledger), so p99 covers the rare values.
//   cold: the first call on a new connection (statements and plans not cached),
//         BENCH_COLD calls (10);
//   warm: BENCH_WARM calls (50) on one connection.
// BENCH_ONLY (a substring of "<endpoint> <filters>") times only those rows. BENCH_SLOW_MS
// prints each incident list call slower than that, with its drawn values, on stderr.
// Prints one Markdown table; exits 1 when a row's warm p99 passes BENCH_GOAL_MS (50).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <vector>

#include "storage/incidents/incident_repository.hpp"
#include "storage/tasks/task_repository.hpp"
#include "storage/tracker/events_repository.hpp"

using namespace switchyard;

namespace {

using Clock = std::chrono::steady_clock;

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

// The values the data holds, read once.
struct Values {
  std::vector<std::string> services;
  std::vector<std::pair<std::string, std::string>> actions;  // service, action
  std::vector<std::string> callers;                          // everyone but admin
  std::vector<std::string> cursors;                          // task ids anywhere
  std::vector<std::string> event_cursors;
  std::vector<std::string> event_services;
  std::vector<std::string> sources;
  std::vector<std::string> incident_services;
  std::vector<std::string> hosts;  // a rare search: one incident's host
};

std::vector<std::string> column(pqxx::connection& c, const std::string& sql) {
  pqxx::read_transaction tx(c);
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql)) out.push_back(row[0].as<std::string>());
  return out;
}

Values read_values(pqxx::connection& c) {
  Values v;
  v.services = column(c, "SELECT DISTINCT service FROM task_counts ORDER BY 1");
  {
    pqxx::read_transaction tx(c);
    for (const auto& row : tx.exec("SELECT DISTINCT service, action FROM tasks TABLESAMPLE "
                                   "SYSTEM (1) ORDER BY 1, 2")) {
      v.actions.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
    }
  }
  v.callers = column(c,
                     "SELECT DISTINCT submitted_by FROM tasks TABLESAMPLE SYSTEM (1) "
                     "WHERE submitted_by <> 'admin' UNION SELECT 'rare-caller'");
  v.cursors = column(c, "SELECT id::text FROM tasks TABLESAMPLE SYSTEM (0.01) LIMIT 200");
  v.event_cursors =
      column(c, "SELECT id::text FROM tracker_events TABLESAMPLE SYSTEM (0.5) LIMIT 200");
  v.event_services =
      column(c, "SELECT DISTINCT service FROM tracker_events TABLESAMPLE SYSTEM (5)");
  v.sources = column(c, "SELECT DISTINCT source FROM tracker_events TABLESAMPLE SYSTEM (5)");
  v.incident_services = column(c, "SELECT DISTINCT service_id::text FROM incident_counts");
  v.hosts = column(c,
                   "SELECT substring(description FROM 'host ([0-9a-f]+)') FROM incidents "
                   "TABLESAMPLE SYSTEM (0.1) LIMIT 200");
  return v;
}

const std::vector<std::string> kStatuses = {"queued", "running", "retrying", "succeeded",
                                            "failed", "dead",    "cancelled"};
const std::vector<std::string> kSinceIntervals = {"5 minutes", "1 hour", "1 day", "7 days",
                                                  "29 days"};

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

std::string ago(pqxx::connection& c, const std::string& interval) {
  pqxx::read_transaction tx(c);
  return tx.exec1("SELECT (now() - interval '" + interval + "')::text")[0].as<std::string>();
}

// One row of the table: a name and a call that draws its values from `rng`.
struct Case {
  std::string endpoint;
  std::string filters;
  std::function<void(pqxx::transaction_base&, std::mt19937&)> call;
};

enum Filter { kService = 1, kAction = 2, kStatus = 4, kSince = 8 };

std::string describe(int filters, bool owner, bool deep, bool with_status = true) {
  std::vector<std::string> parts;
  if (filters & kService) parts.emplace_back("service");
  if (filters & kAction) parts.emplace_back("action");
  if (with_status && (filters & kStatus)) parts.emplace_back("status");
  if (filters & kSince) parts.emplace_back("since");
  if (owner) parts.emplace_back("own tasks");
  if (deep) parts.emplace_back("deep cursor");
  return parts.empty() ? "(none)" : fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<Case> task_cases(pqxx::connection& c, const Values& v) {
  std::vector<std::string> since_values;
  for (const auto& interval : kSinceIntervals) since_values.push_back(ago(c, interval));
  std::vector<Case> cases;
  const auto add = [&](const std::string& endpoint, int filters, bool owner, bool deep,
                       std::optional<std::string> fixed_status) {
    cases.push_back({endpoint, describe(filters, owner, deep, !fixed_status),
                     [=, &v](pqxx::transaction_base& tx, std::mt19937& rng) {
                       storage::TaskListFilter f;
                       f.limit = 100;
                       const auto& [service, action] = pick(rng, v.actions);
                       if (filters & kService) f.service = service;
                       if (filters & kAction) {
                         // One call in ten asks for an action of another service: no match.
                         f.action = rng() % 10 == 0 ? pick(rng, v.actions).second : action;
                       }
                       if (filters & kService && !(filters & kAction))
                         f.service = pick(rng, v.services);
                       if (filters & kStatus) f.status = pick(rng, kStatuses);
                       if (fixed_status) f.status = fixed_status;
                       if (filters & kSince) f.since = pick(rng, since_values);
                       if (owner) f.submitted_by = pick(rng, v.callers);
                       if (deep) f.cursor = pick(rng, v.cursors);
                       storage::list_tasks(tx, f);
                     }});
  };
  for (int filters = 0; filters < 16; ++filters) {
    for (const bool owner : {false, true}) {
      for (const bool deep : {false, true}) add("GET /tasks", filters, owner, deep, std::nullopt);
    }
  }
  for (int filters = 0; filters < 16; ++filters) {
    if (filters & kStatus) continue;
    for (const bool owner : {false, true}) {
      for (const bool deep : {false, true}) add("GET /dead-letters", filters, owner, deep, "dead");
    }
  }
  cases.push_back({"POST /dead-letters/replay", "service (ids, oldest first)",
                   [&v](pqxx::transaction_base& tx, std::mt19937& rng) {
                     storage::dead_task_ids(tx, pick(rng, v.services), std::nullopt, 501);
                   }});
  cases.push_back({"POST /dead-letters/replay", "service, action, own tasks",
                   [&v](pqxx::transaction_base& tx, std::mt19937& rng) {
                     const auto& [service, action] = pick(rng, v.actions);
                     storage::dead_task_ids(tx, service, action, 501, pick(rng, v.callers));
                   }});
  cases.push_back({"GET /tasks/stats", "(none)",
                   [](pqxx::transaction_base& tx, std::mt19937&) { storage::count_tasks(tx); }});
  return cases;
}

// Dates relative to now, as the fill spreads events over the last two years.
struct EventDates {
  std::string month_ago, year_ago, window_start, window_end, long_ago;
};

std::vector<Case> event_cases(const Values& v, const EventDates& d) {
  using storage::tracker::EventFilter;
  std::vector<Case> cases;
  const auto add = [&](const std::string& endpoint, const std::string& filters,
                       std::function<void(EventFilter&, std::mt19937&)> fill, int per_page = 20,
                       int page = 1, bool deep = false) {
    cases.push_back({endpoint, filters, [=, &v](pqxx::transaction_base& tx, std::mt19937& rng) {
                       EventFilter f;
                       fill(f, rng);
                       std::optional<std::string> token;
                       if (deep) token = pick(rng, v.event_cursors);
                       storage::tracker::list_events(tx, f, per_page, (page - 1) * per_page, token);
                     }});
  };
  const auto none = [](EventFilter&, std::mt19937&) {};
  const auto small = [](int from, int to) {
    return [=](std::mt19937& rng) { return std::uniform_int_distribution<int>(from, to)(rng); };
  };
  add("GET /events/list", "(none)", none);
  add("GET /events/list", "per_page=1000", none, 1000);
  add("GET /events/list", "page=50", none, 20, 50);
  add("GET /events/list", "page_token (deep)", none, 20, 1, true);
  add("GET /events/today", "(none)", [](EventFilter& f, std::mt19937&) { f.today = true; });
  const std::vector<std::pair<std::string, std::function<void(EventFilter&, std::mt19937&)>>>
      filters = {
          {"source", [&v](EventFilter& f, std::mt19937& rng) { f.source = pick(rng, v.sources); }},
          {"type", [=](EventFilter& f, std::mt19937& rng) { f.type = small(1, 5)(rng); }},
          {"priority", [=](EventFilter& f, std::mt19937& rng) { f.priority = small(1, 5)(rng); }},
          {"status", [=](EventFilter& f, std::mt19937& rng) { f.status = small(1, 14)(rng); }},
          {"service",
           [&v](EventFilter& f, std::mt19937& rng) { f.service = pick(rng, v.event_services); }},
          {"environment",
           [=](EventFilter& f, std::mt19937& rng) { f.environment = small(1, 8)(rng); }},
          {"impact", [](EventFilter& f, std::mt19937& rng) { f.impact = rng() % 2 == 0; }},
          {"start_date (last 30 days)",
           [d](EventFilter& f, std::mt19937&) { f.start_date = d.month_ago; }},
          {"end_date (a year ago)",
           [d](EventFilter& f, std::mt19937&) { f.end_date = d.year_ago; }},
          {"start_date + end_date (one month)",
           [d](EventFilter& f, std::mt19937&) {
             f.start_date = d.window_start;
             f.end_date = d.window_end;
           }},
          {"service, environment, status",
           [&v, small](EventFilter& f, std::mt19937& rng) {
             f.service = pick(rng, v.event_services);
             f.environment = small(1, 8)(rng);
             f.status = small(1, 14)(rng);
           }},
          {"every filter",
           [&v, small, d](EventFilter& f, std::mt19937& rng) {
             f.source = pick(rng, v.sources);
             f.type = small(1, 5)(rng);
             f.priority = small(1, 5)(rng);
             f.status = small(1, 14)(rng);
             f.service = pick(rng, v.event_services);
             f.environment = small(1, 8)(rng);
             f.impact = rng() % 2 == 0;
             f.start_date = d.long_ago;
             f.end_date = d.month_ago;
           }},
      };
  for (const auto& [name, fill] : filters) {
    add("GET /events/search", name, fill);
    add("GET /events/search", name + ", page_token (deep)", fill, 20, 1, true);
  }
  return cases;
}

// Words of the fill's titles and descriptions, from common to less so.
const std::vector<std::string> kCommonSearches = {
    "latency", "us-east-1", "redis cache", "certificate expired", "Paging", "error rate 42%"};
const std::vector<std::string> kIncidentStatuses = {"TRIGGERED", "ACKNOWLEDGED", "MITIGATED",
                                                    "RESOLVED"};
const std::vector<std::string> kIncidentSeverities = {"SEV1_CRITICAL", "SEV2_HIGH", "SEV3_MEDIUM",
                                                      "SEV4_LOW"};

// GET /incidents: every filter combination newest first (search by a common
// word), a rare and a missing word, each other ordering, and deep pages.
std::vector<Case> incident_cases(const Values& v) {
  using storage::incidents::IncidentFilter;
  enum { kStatus = 1, kSeverity = 2, kService = 4, kSearch = 8 };
  std::vector<Case> cases;
  const int slow_ms = env_int("BENCH_SLOW_MS", 0);
  const auto add = [&](int filters, const std::string& ordering, int page, const std::string& name,
                       std::function<std::string(std::mt19937&)> search) {
    cases.push_back(
        {"GET /incidents", name, [=, &v](pqxx::transaction_base& tx, std::mt19937& rng) {
           IncidentFilter f;
           f.ordering = ordering;
           f.limit = 20;
           f.offset = static_cast<std::int64_t>(page - 1) * 20;
           if (filters & kStatus) f.status = pick(rng, kIncidentStatuses);
           if (filters & kSeverity) f.severity = pick(rng, kIncidentSeverities);
           if (filters & kService) f.service_id = pick(rng, v.incident_services);
           if (filters & kSearch) f.search = search(rng);
           const auto started = Clock::now();
           storage::incidents::list_incidents(tx, f);
           const double ms =
               std::chrono::duration<double, std::milli>(Clock::now() - started).count();
           if (slow_ms > 0 && ms > slow_ms) {
             // The drawn values of a slow call, to replay it (BENCH_SLOW_MS).
             fmt::print(stderr,
                        "slow call {:.1f} ms: {} status={} severity={} service={} search={}\n", ms,
                        name, f.status.value_or("-"), f.severity.value_or("-"),
                        f.service_id.value_or("-"), f.search.value_or("-"));
           }
         }});
  };
  const auto common = [](std::mt19937& rng) { return pick(rng, kCommonSearches); };
  for (int filters = 0; filters < 16; ++filters) {
    std::vector<std::string> parts;
    if (filters & kStatus) parts.emplace_back("status");
    if (filters & kSeverity) parts.emplace_back("severity");
    if (filters & kService) parts.emplace_back("service");
    if (filters & kSearch) parts.emplace_back("search (common word)");
    add(filters, "-created_at", 1,
        parts.empty() ? "(none)" : fmt::format("{}", fmt::join(parts, ", ")), common);
  }
  add(kSearch, "-created_at", 1, "search (one incident's host)",
      [&v](std::mt19937& rng) { return pick(rng, v.hosts); });
  add(kSearch, "-created_at", 1, "search (no match)",
      [](std::mt19937&) { return "no such words"; });
  for (const std::string ordering : {"created_at", "severity", "-severity", "status", "-status"}) {
    add(0, ordering, 1, "ordering=" + ordering, common);
    add(kStatus | kService, ordering, 1, "status, service, ordering=" + ordering, common);
  }
  // A common word's exact count takes most of a second (docs/operations.md): one
  // ordering is enough to show what the walk by value adds.
  add(kSearch, "severity", 1, "search (common word), ordering=severity", common);
  add(0, "-created_at", 500, "page=500", common);
  add(kSeverity, "severity", 500, "severity, ordering=severity, page=500", common);
  add(kStatus | kService, "-created_at", 50, "status, service, page=50", common);
  return cases;
}

double percentile(std::vector<double> ms, double p) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1) + 0.5);
  return ms[std::min(rank, ms.size() - 1)];
}

double time_call(pqxx::connection& c, const Case& item, std::mt19937& rng) {
  pqxx::read_transaction tx(c);
  const auto started = Clock::now();
  item.call(tx, rng);
  return std::chrono::duration<double, std::milli>(Clock::now() - started).count();
}

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  auto c = std::make_unique<pqxx::connection>(url);
  storage::prepare_task_statements(*c);
  return c;
}

}  // namespace

int main() {
  const char* url = std::getenv("BENCH_DATABASE_URL");
  if (url == nullptr) {
    std::cerr << "set BENCH_DATABASE_URL (make bench-reads does)\n";
    return 2;
  }
  const int cold_calls = env_int("BENCH_COLD", 10);
  const int warm_calls = env_int("BENCH_WARM", 50);
  const double goal_ms = env_int("BENCH_GOAL_MS", 50);
  try {
    auto warm = connect(url);
    const Values values = read_values(*warm);
    std::vector<Case> cases = task_cases(*warm, values);
    const EventDates dates{ago(*warm, "30 days"), ago(*warm, "365 days"), ago(*warm, "200 days"),
                           ago(*warm, "170 days"), ago(*warm, "700 days")};
    for (auto& item : event_cases(values, dates)) cases.push_back(std::move(item));
    for (auto& item : incident_cases(values)) cases.push_back(std::move(item));

    fmt::print("| endpoint | filters | cold p50 ms | cold p99 ms | warm p50 ms | warm p99 ms |\n");
    fmt::print("|---|---|---:|---:|---:|---:|\n");
    int over = 0;
    std::mt19937 rng(24);
    const char* only = std::getenv("BENCH_ONLY");
    int rows = 0;
    for (const Case& item : cases) {
      if (only != nullptr && (item.endpoint + " " + item.filters).find(only) == std::string::npos) {
        continue;
      }
      ++rows;
      std::vector<double> cold;
      for (int i = 0; i < cold_calls; ++i) {
        auto fresh = connect(url);
        cold.push_back(time_call(*fresh, item, rng));
      }
      std::vector<double> hot;
      for (int i = 0; i < warm_calls; ++i) hot.push_back(time_call(*warm, item, rng));
      const double p99 = percentile(hot, 0.99);
      if (p99 > goal_ms) ++over;
      fmt::print("| {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f}{} |\n", item.endpoint, item.filters,
                 percentile(cold, 0.5), percentile(cold, 0.99), percentile(hot, 0.5), p99,
                 p99 > goal_ms ? " ⚠" : "");
      std::fflush(stdout);
    }
    fmt::print("\n{} rows; {} with a warm p99 over {} ms\n", rows, over, goal_ms);
    return over == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "bench-reads failed: " << e.what() << "\n";
    return 2;
  }
}
