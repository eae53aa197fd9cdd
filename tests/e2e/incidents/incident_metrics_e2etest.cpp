// The incident metrics end to end (docs/incidents.md, "Metrics"): incidents are
// written straight into the stack's database with known timestamps, and every
// figure the API answers is checked against arithmetic done here — averages
// (rounded half away from zero), percentile_cont p50/p90, open and resolved
// counts, severity and status buckets, weekly buckets with their empty weeks,
// the top offenders' order, the per-service figures and the CSV export's bytes —
// with the 400s of bad parameters, 401/403, and the IMAS documentation paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <regex>
#include <string>
#include <vector>

#include "task_api_client.hpp"
#include "temp_dir.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;
using Seconds = std::optional<std::int64_t>;

// sha256("badges-reader-key"): a reader key, releases:read only.
constexpr const char* kClientsYaml = R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
  - name: badges-reader
    sha256: 0435dc35cbca69121c2bbe0b1b3e3be21ef378ef7c637fb3b292e489e4071e32
    role: reader
)";

constexpr std::int64_t kDay = 86400;

struct Service {
  std::string id;
  std::string name;
  std::string criticality;
};

const Service kZeta{"10000000-0000-0000-0000-000000000001", "zeta-api", "TIER_1_CRITICAL"};
const Service kBeta{"10000000-0000-0000-0000-000000000002", "beta-db", "TIER_2_HIGH"};
const Service kGamma{"10000000-0000-0000-0000-000000000003", "gamma-web", "TIER_3_MEDIUM"};
const Service kLegacy{"10000000-0000-0000-0000-000000000004", "@legacy", "TIER_4_LOW"};

// An incident as inserted: times in seconds, KPIs relative to its creation.
struct Seed {
  std::string id;
  std::string short_id;
  std::string title;
  std::string severity;
  std::string status;
  const Service* service;
  std::int64_t age_days;  // created that many days before the test's now
  std::int64_t mttd;
  Seconds mtta;
  Seconds mitigated_after;
  Seconds mttr;
  std::optional<std::string> root_cause;
};

// Youngest first: the export, oldest first, lists them in reverse.
// clang-format off
const std::vector<Seed> kIncidents = {
    {"20000000-0000-0000-0000-000000000001", "INC-000001", "Database down, \"payments\" failing",
     "SEV1_CRITICAL", "RESOLVED",  &kZeta,   1,  60, 60,   std::nullopt, 600,  "=HYPERLINK(\"x\")"},
    {"20000000-0000-0000-0000-000000000002", "INC-000002", "Checkout slow",
     "SEV2_HIGH",     "MITIGATED", &kZeta,   2, 120, 120,  300,          std::nullopt, "-1 replica"},
    {"20000000-0000-0000-0000-000000000003", "INC-000003", "Disque plein\r\nsur la base de données",
     "SEV3_MEDIUM",   "TRIGGERED", &kBeta,   3,   0, std::nullopt, std::nullopt, std::nullopt, std::nullopt},
    {"20000000-0000-0000-0000-000000000004", "INC-000004", "Replication lag",
     "SEV1_CRITICAL", "RESOLVED",  &kBeta,  10, 180, 600,  std::nullopt, 3600, "Memory exhaustion, primary"},
    {"20000000-0000-0000-0000-000000000005", "INC-000005", "-5% conversions",
     "SEV4_LOW",      "RESOLVED",  &kGamma, 20,  31, 30,   std::nullopt, 1200, std::nullopt},
    {"20000000-0000-0000-0000-000000000006", "INC-000006", "CDN errors",
     "SEV2_HIGH",     "RESOLVED",  &kGamma, 60,   0, 6000, std::nullopt, 7200, std::nullopt},
    {"20000000-0000-0000-0000-000000000008", "INC-000008", "Half a year ago",
     "SEV4_LOW",      "ACKNOWLEDGED", &kGamma, 200, 5, 50, std::nullopt, std::nullopt, std::nullopt},
    {"20000000-0000-0000-0000-000000000007", "INC-000007", "Old outage",
     "SEV3_MEDIUM",   "RESOLVED",  &kLegacy, 400, 0, 10,   std::nullopt, 20,   std::nullopt},
};
// clang-format on

std::string rfc3339(std::int64_t epoch) {
  const std::time_t t = epoch;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return text;
}

std::string iso_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::chrono::sys_days monday_of(std::chrono::sys_days day) {
  const std::chrono::weekday weekday(day);
  return day - std::chrono::days(weekday.iso_encoding() - 1);
}

// Rounded half away from zero, as the API rounds.
Seconds average(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (const double v : values) sum += v;
  return static_cast<std::int64_t>(std::round(sum / static_cast<double>(values.size())));
}

// PostgreSQL's percentile_cont: linear interpolation at fraction × (n − 1).
Seconds percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const double position = fraction * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const auto upper = std::min(lower + 1, values.size() - 1);
  const double value =
      values[lower] + (position - static_cast<double>(lower)) * (values[upper] - values[lower]);
  return static_cast<std::int64_t>(std::round(value));
}

Seconds seconds_of(const rapidjson::Value& value) {
  if (value.IsNull()) return std::nullopt;
  return value.GetInt64();
}

std::vector<const Seed*> within(std::int64_t days) {
  std::vector<const Seed*> seeds;
  for (const auto& seed : kIncidents) {
    if (seed.age_days < days) seeds.push_back(&seed);
  }
  return seeds;
}

std::vector<double> kpi(const std::vector<const Seed*>& seeds, Seconds Seed::*field) {
  std::vector<double> values;
  for (const Seed* seed : seeds) {
    if (seed->*field) values.push_back(static_cast<double>(*(seed->*field)));
  }
  return values;
}

class IncidentMetrics : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kClientsYaml);
    stack_ =
        new TestStack({"incident_metrics_e2e",
                       1,
                       {{"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()}}});
    now_ = std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count();
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    for (const Service* s : {&kZeta, &kBeta, &kGamma, &kLegacy}) {
      tx.exec_params0("INSERT INTO incident_services (id, name, criticality) VALUES ($1, $2, $3)",
                      s->id, s->name, s->criticality);
    }
    for (const auto& seed : kIncidents) {
      const std::int64_t created = created_at(seed);
      auto after = [&](const Seconds& offset) -> std::optional<std::int64_t> {
        if (!offset) return std::nullopt;
        return created + *offset;
      };
      tx.exec_params0(
          "INSERT INTO incidents (id, short_id, title, severity, status, service_id, created_by, "
          "created_at, detected_at, acknowledged_at, mitigated_at, resolved_at, root_cause) "
          "VALUES ($1, $2, $3, $4, $5, $6, 'test', to_timestamp($7), to_timestamp($8), "
          "to_timestamp($9), to_timestamp($10), to_timestamp($11), $12)",
          seed.id, seed.short_id, seed.title, seed.severity, seed.status, seed.service->id, created,
          created - seed.mttd, after(seed.mtta), after(seed.mitigated_after), after(seed.mttr),
          seed.root_cause);
    }
    tx.commit();
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete config_dir_;
    config_dir_ = nullptr;
  }

  static std::int64_t created_at(const Seed& seed) { return now_ - seed.age_days * kDay; }

  HttpResponse get(const std::string& path, const Headers& headers = admin_headers()) {
    return http_.request("GET", path, {}, headers);
  }
  rapidjson::Document get_json(const std::string& path) {
    const auto response = get(path);
    EXPECT_EQ(response.status, 200) << path << ": " << response.body;
    EXPECT_EQ(response.header("content-type"), "application/json") << path;
    return parse_json(response.body);
  }
  // The 400 naming `field` in the IMAS body's details.
  void expect_refused(const std::string& path, const std::string& field) {
    const std::string shown = path.substr(0, 100);
    const auto response = get(path);
    ASSERT_EQ(response.status, 400) << shown << ": " << response.body;
    const auto body = parse_json(response.body);
    ASSERT_TRUE(body.IsObject() && body["error"].IsString()) << shown << ": " << response.body;
    ASSERT_TRUE(body.HasMember("details") && body["details"].HasMember(field.c_str()))
        << shown << ": " << response.body;
    EXPECT_TRUE(body["details"][field.c_str()].IsArray()) << shown;
  }

  static TempDir* config_dir_;
  static TestStack* stack_;
  static std::int64_t now_;
  HttpClient http_{stack_->base_url()};
};

TempDir* IncidentMetrics::config_dir_ = nullptr;
TestStack* IncidentMetrics::stack_ = nullptr;
std::int64_t IncidentMetrics::now_ = 0;

TEST_F(IncidentMetrics, SummaryCountsAndKpisMatchTheArithmeticOfEachPeriod) {
  for (const auto& [period, days] : std::vector<std::pair<std::string, std::int64_t>>{
           {"7d", 7}, {"30d", 30}, {"90d", 90}, {"1y", 365}}) {
    SCOPED_TRACE(period);
    const auto seeds = within(days);
    const auto body = get_json("/api/v1/metrics/summary/?period=" + period);
    EXPECT_EQ(std::string(body["period"].GetString()), period);
    EXPECT_EQ(body["total_incidents"].GetInt64(), static_cast<std::int64_t>(seeds.size()));
    std::int64_t resolved = 0;
    std::map<std::string, std::int64_t> severities, statuses;
    std::vector<double> mttd;
    for (const Seed* seed : seeds) {
      resolved += seed->status == "RESOLVED";
      ++severities[seed->severity];
      ++statuses[seed->status];
      mttd.push_back(static_cast<double>(seed->mttd));
    }
    EXPECT_EQ(body["resolved_incidents"].GetInt64(), resolved);
    EXPECT_EQ(body["open_incidents"].GetInt64(),
              static_cast<std::int64_t>(seeds.size()) - resolved);
    EXPECT_EQ(seconds_of(body["avg_mttd_seconds"]), average(mttd));
    const auto mtta = kpi(seeds, &Seed::mtta);
    const auto mttr = kpi(seeds, &Seed::mttr);
    EXPECT_EQ(seconds_of(body["avg_mtta_seconds"]), average(mtta));
    EXPECT_EQ(seconds_of(body["p50_mtta_seconds"]), percentile(mtta, 0.5));
    EXPECT_EQ(seconds_of(body["p90_mtta_seconds"]), percentile(mtta, 0.9));
    EXPECT_EQ(seconds_of(body["avg_mttr_seconds"]), average(mttr));
    EXPECT_EQ(seconds_of(body["p50_mttr_seconds"]), percentile(mttr, 0.5));
    EXPECT_EQ(seconds_of(body["p90_mttr_seconds"]), percentile(mttr, 0.9));
    for (const char* severity : {"SEV1_CRITICAL", "SEV2_HIGH", "SEV3_MEDIUM", "SEV4_LOW"}) {
      EXPECT_EQ(body["incidents_by_severity"][severity].GetInt64(), severities[severity])
          << severity;
    }
    for (const char* status : {"TRIGGERED", "ACKNOWLEDGED", "MITIGATED", "RESOLVED"}) {
      EXPECT_EQ(body["incidents_by_status"][status].GetInt64(), statuses[status]) << status;
    }
  }
}

TEST_F(IncidentMetrics, SummaryOfThirtyDaysHasTheHandComputedFigures) {
  // MTTA 30, 60, 120, 600: average 202.5 rounds up; p50 60 + 0.5 × 60; p90 120 + 0.7 × 480.
  const auto body = get_json("/api/v1/metrics/summary/");  // 30d is the default
  EXPECT_STREQ(body["period"].GetString(), "30d");
  EXPECT_EQ(body["total_incidents"].GetInt64(), 5);
  EXPECT_EQ(body["open_incidents"].GetInt64(), 2);
  EXPECT_EQ(body["resolved_incidents"].GetInt64(), 3);
  EXPECT_EQ(body["avg_mttd_seconds"].GetInt64(), 78);  // 391 / 5
  EXPECT_EQ(body["avg_mtta_seconds"].GetInt64(), 203);
  EXPECT_EQ(body["p50_mtta_seconds"].GetInt64(), 90);
  EXPECT_EQ(body["p90_mtta_seconds"].GetInt64(), 456);
  // MTTR 600, 1200, 3600.
  EXPECT_EQ(body["avg_mttr_seconds"].GetInt64(), 1800);
  EXPECT_EQ(body["p50_mttr_seconds"].GetInt64(), 1200);
  EXPECT_EQ(body["p90_mttr_seconds"].GetInt64(), 3120);
  EXPECT_EQ(body["incidents_by_severity"]["SEV1_CRITICAL"].GetInt64(), 2);
  EXPECT_EQ(body["incidents_by_status"]["ACKNOWLEDGED"].GetInt64(), 0);
  // The document's fields first, in its order.
  const std::vector<std::string> documented = {
      "period",           "total_incidents",  "open_incidents",  "resolved_incidents",
      "avg_mttd_seconds", "avg_mtta_seconds", "avg_mttr_seconds"};
  auto member = body.MemberBegin();
  for (const auto& name : documented) {
    ASSERT_NE(member, body.MemberEnd());
    EXPECT_EQ(name, member->name.GetString());
    ++member;
  }
}

TEST_F(IncidentMetrics, TrendsHaveOneBucketPerWeekOldestFirstWithEmptyWeeks) {
  const std::chrono::sys_days today =
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(now_)));
  for (const auto& [period, days] :
       std::vector<std::pair<std::string, int>>{{"7d", 7}, {"30d", 30}, {"90d", 90}}) {
    SCOPED_TRACE(period);
    const auto body = get_json("/api/v1/metrics/trends/?period=" + period);
    EXPECT_EQ(std::string(body["period"].GetString()), period);
    std::vector<std::chrono::sys_days> mondays;
    for (auto monday = monday_of(today - std::chrono::days(days)); monday <= today;
         monday += std::chrono::days(7)) {
      mondays.push_back(monday);
    }
    const auto& data = body["data"];
    ASSERT_EQ(data.Size(), mondays.size());
    int empty_weeks = 0;
    for (std::size_t i = 0; i < mondays.size(); ++i) {
      std::vector<const Seed*> week;
      for (const Seed* seed : within(days)) {
        if (monday_of(today - std::chrono::days(seed->age_days)) == mondays[i]) {
          week.push_back(seed);
        }
      }
      EXPECT_EQ(std::string(data[i]["date"].GetString()), iso_date(mondays[i]));
      EXPECT_EQ(data[i]["incidents"].GetInt64(), static_cast<std::int64_t>(week.size()));
      EXPECT_EQ(seconds_of(data[i]["mttr_avg"]), average(kpi(week, &Seed::mttr)));
      EXPECT_EQ(seconds_of(data[i]["mtta_avg"]), average(kpi(week, &Seed::mtta)));
      empty_weeks += week.empty();
    }
    if (days >= 30) {
      EXPECT_GT(empty_weeks, 0);
    }
  }
}

TEST_F(IncidentMetrics, TopOffendersAreByIncidentsThenNameAndHonourTheLimit) {
  const auto body = get_json("/api/v1/metrics/top-offenders/?period=30d");
  const auto& results = body["results"];
  ASSERT_EQ(results.Size(), 3u);
  // beta-db and zeta-api have 2 each (tie: name), gamma-web 1.
  EXPECT_STREQ(results[0]["service"]["name"].GetString(), "beta-db");
  EXPECT_STREQ(results[0]["service"]["id"].GetString(), kBeta.id.c_str());
  EXPECT_EQ(results[0]["incidents"].GetInt64(), 2);
  EXPECT_EQ(results[0]["open_incidents"].GetInt64(), 1);
  EXPECT_EQ(results[0]["avg_mttr_seconds"].GetInt64(), 3600);
  EXPECT_STREQ(results[1]["service"]["name"].GetString(), "zeta-api");
  EXPECT_EQ(results[1]["avg_mttr_seconds"].GetInt64(), 600);
  EXPECT_STREQ(results[2]["service"]["name"].GetString(), "gamma-web");
  EXPECT_EQ(results[2]["incidents"].GetInt64(), 1);
  EXPECT_EQ(results[2]["open_incidents"].GetInt64(), 0);

  const auto one = get_json("/api/v1/metrics/top-offenders/?period=30d&limit=1");
  ASSERT_EQ(one["results"].Size(), 1u);
  EXPECT_STREQ(one["results"][0]["service"]["name"].GetString(), "beta-db");
  // Over 7 days beta-db's one incident is open and unresolved: no MTTR.
  const auto week = get_json("/api/v1/metrics/top-offenders/?period=7d&limit=100");
  ASSERT_EQ(week["results"].Size(), 2u);
  EXPECT_STREQ(week["results"][0]["service"]["name"].GetString(), "zeta-api");
  EXPECT_TRUE(week["results"][1]["avg_mttr_seconds"].IsNull());
}

TEST_F(IncidentMetrics, ByServiceGivesEachServiceItsFiguresByName) {
  const auto body = get_json("/api/v1/metrics/by-service/?period=30d");
  const auto& results = body["results"];
  ASSERT_EQ(results.Size(), 3u);
  const std::vector<const Service*> order = {&kBeta, &kGamma, &kZeta};
  for (std::size_t i = 0; i < order.size(); ++i) {
    SCOPED_TRACE(order[i]->name);
    const auto& item = results[i];
    EXPECT_EQ(std::string(item["service"]["id"].GetString()), order[i]->id);
    EXPECT_EQ(std::string(item["service"]["name"].GetString()), order[i]->name);
    EXPECT_EQ(std::string(item["service"]["criticality"].GetString()), order[i]->criticality);
    std::vector<const Seed*> seeds;
    for (const Seed* seed : within(30)) {
      if (seed->service == order[i]) seeds.push_back(seed);
    }
    std::int64_t resolved = 0;
    std::map<std::string, std::int64_t> severities;
    for (const Seed* seed : seeds) {
      resolved += seed->status == "RESOLVED";
      ++severities[seed->severity];
    }
    EXPECT_EQ(item["total_incidents"].GetInt64(), static_cast<std::int64_t>(seeds.size()));
    EXPECT_EQ(item["open_incidents"].GetInt64(),
              static_cast<std::int64_t>(seeds.size()) - resolved);
    EXPECT_EQ(item["resolved_incidents"].GetInt64(), resolved);
    const auto mtta = kpi(seeds, &Seed::mtta);
    const auto mttr = kpi(seeds, &Seed::mttr);
    EXPECT_EQ(seconds_of(item["avg_mtta_seconds"]), average(mtta));
    EXPECT_EQ(seconds_of(item["p50_mtta_seconds"]), percentile(mtta, 0.5));
    EXPECT_EQ(seconds_of(item["p90_mtta_seconds"]), percentile(mtta, 0.9));
    EXPECT_EQ(seconds_of(item["avg_mttr_seconds"]), average(mttr));
    EXPECT_EQ(seconds_of(item["p50_mttr_seconds"]), percentile(mttr, 0.5));
    EXPECT_EQ(seconds_of(item["p90_mttr_seconds"]), percentile(mttr, 0.9));
    for (const char* severity : {"SEV1_CRITICAL", "SEV2_HIGH", "SEV3_MEDIUM", "SEV4_LOW"}) {
      EXPECT_EQ(item["incidents_by_severity"][severity].GetInt64(), severities[severity]);
    }
  }
  // zeta-api: MTTA 60 and 120 → p90 60 + 0.9 × 60.
  EXPECT_EQ(results[2]["p90_mtta_seconds"].GetInt64(), 114);
  // beta-db over 7 days: one unacknowledged incident, no KPI sample.
  const auto week = get_json("/api/v1/metrics/by-service/?period=7d");
  ASSERT_EQ(week["results"].Size(), 2u);
  EXPECT_STREQ(week["results"][0]["service"]["name"].GetString(), "beta-db");
  EXPECT_TRUE(week["results"][0]["avg_mtta_seconds"].IsNull());
  EXPECT_TRUE(week["results"][0]["p90_mttr_seconds"].IsNull());
}

TEST_F(IncidentMetrics, ExportWritesRfc4180CsvWithNeutralisedFormulas) {
  const auto response = get("/api/v1/metrics/export/?format=csv&period=7d");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(response.header("content-disposition"), "attachment; filename=\"incidents.csv\"");
  const Seed& i1 = kIncidents[0];
  const Seed& i2 = kIncidents[1];
  const Seed& i3 = kIncidents[2];
  auto at = [](const Seed& seed, std::int64_t offset) {
    return rfc3339(created_at(seed) + offset);
  };
  const std::string expected =
      "id,short_id,title,severity,status,service,created_at,detected_at,acknowledged_at,"
      "mitigated_at,resolved_at,mttd_seconds,mtta_seconds,mttr_seconds,root_cause\r\n" +
      i3.id +
      ",INC-000003,\"Disque plein\r\nsur la base de données\",SEV3_MEDIUM,TRIGGERED,beta-db," +
      at(i3, 0) + "," + at(i3, 0) + ",,,,0,,,\r\n" + i2.id +
      ",INC-000002,Checkout slow,SEV2_HIGH,MITIGATED,zeta-api," + at(i2, 0) + "," + at(i2, -120) +
      "," + at(i2, 120) + "," + at(i2, 300) + ",,120,120,,'-1 replica\r\n" + i1.id +
      ",INC-000001,\"Database down, \"\"payments\"\" failing\",SEV1_CRITICAL,RESOLVED,"
      "zeta-api," +
      at(i1, 0) + "," + at(i1, -60) + "," + at(i1, 60) + ",," + at(i1, 600) +
      ",60,60,600,\"'=HYPERLINK(\"\"x\"\")\"\r\n";
  EXPECT_EQ(response.body, expected);

  // Without a period: every incident, oldest first; a service name is free text too.
  const auto all = get("/api/v1/metrics/export/");
  ASSERT_EQ(all.status, 200) << all.body;
  std::vector<std::string> ids;
  for (std::size_t at_line = all.body.find("\r\n"); at_line != std::string::npos;
       at_line = all.body.find("\r\n", at_line + 2)) {
    const std::string rest = all.body.substr(at_line + 2, 36);
    if (rest.rfind("20000000-", 0) == 0) ids.push_back(rest);
  }
  ASSERT_EQ(ids.size(), kIncidents.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids[i], kIncidents[kIncidents.size() - 1 - i].id);
  }
  EXPECT_NE(all.body.find(",'@legacy,"), std::string::npos);
  EXPECT_NE(all.body.find("INC-000005,'-5% conversions,"), std::string::npos);
}

// Rows added to reach the export's caps, three years old (outside every period),
// deleted when the test ends so the other tests' figures hold.
class BulkIncidents {
 public:
  explicit BulkIncidents(const std::string& database_url) : db_(database_url) {}
  ~BulkIncidents() {
    pqxx::work tx(db_);
    tx.exec0("DELETE FROM incidents WHERE short_id LIKE 'BULK-%'");
    tx.commit();
  }
  void add(int count, int root_cause_chars, std::int64_t now) {
    pqxx::work tx(db_);
    tx.exec_params0(
        "INSERT INTO incidents (id, short_id, title, severity, service_id, created_by, "
        "created_at, detected_at, root_cause) "
        "SELECT gen_random_uuid(), 'BULK-' || $5 || '-' || g, 'bulk', 'SEV4_LOW', $1, 'test', "
        "       to_timestamp($2) - interval '3 years', to_timestamp($2) - interval '3 years', "
        "       repeat('x', $3) FROM generate_series(1, $4) g",
        kLegacy.id, now, root_cause_chars, count, batch_++);
    tx.commit();
  }

 private:
  pqxx::connection db_;
  int batch_ = 0;
};

TEST_F(IncidentMetrics, ExportPastItsCapIsRefusedRatherThanTruncated) {
  constexpr int kMaxRows = 100000;
  BulkIncidents bulk(stack_->database_url());
  bulk.add(kMaxRows - static_cast<int>(kIncidents.size()), 0, now_);
  const auto full = get("/api/v1/metrics/export/");
  ASSERT_EQ(full.status, 200) << full.body.substr(0, 200);
  // The header, the rows, and the line break inside INC-000003's quoted title.
  EXPECT_EQ(std::count(full.body.begin(), full.body.end(), '\n'), kMaxRows + 2);

  bulk.add(1, 0, now_);
  const auto rows = get("/api/v1/metrics/export/");
  ASSERT_EQ(rows.status, 400) << rows.body.substr(0, 200);
  EXPECT_STREQ(parse_json(rows.body)["details"]["period"][0].GetString(),
               "The export is larger than 100000 incidents or 64 MiB: choose a shorter period.");
  // A period leaves the old rows out.
  EXPECT_EQ(get("/api/v1/metrics/export/?period=1y").status, 200);
}

TEST_F(IncidentMetrics, ExportPastSixtyFourMebibytesIsRefused) {
  BulkIncidents bulk(stack_->database_url());
  bulk.add(60000, 1200, now_);  // some 75 MB of root causes, far fewer rows than the cap
  const auto big = get("/api/v1/metrics/export/");
  ASSERT_EQ(big.status, 400) << big.body.substr(0, 200);
  EXPECT_TRUE(parse_json(big.body)["details"].HasMember("period"));
}

TEST_F(IncidentMetrics, BadParametersAreTheImasFourHundredNamingThem) {
  for (const char* path : {"summary", "trends", "top-offenders", "by-service", "export"}) {
    const std::string base = std::string("/api/v1/metrics/") + path + "/";
    // %00 is refused as no text at all (the query reader's own 400 naming it).
    for (const std::string& bad : {std::string("2w"), std::string(""), std::string("30D"),
                                   std::string("30d%00"), std::string(5000, '7')}) {
      expect_refused(base + "?period=" + bad, "period");
    }
  }
  const auto body = parse_json(get("/api/v1/metrics/summary/?period=2w").body);
  EXPECT_STREQ(body["error"].GetString(), "Validation failed");
  EXPECT_STREQ(body["details"]["period"][0].GetString(), "Must be one of 7d, 30d, 90d, 1y.");
  const auto limit = parse_json(get("/api/v1/metrics/top-offenders/?limit=101").body);
  EXPECT_STREQ(limit["details"]["limit"][0].GetString(), "Must be an integer from 1 to 100.");
  const auto format = parse_json(get("/api/v1/metrics/export/?format=xlsx").body);
  EXPECT_STREQ(format["details"]["format"][0].GetString(), "Must be csv.");
  for (const char* bad : {"0", "101", "-1", "abc", "1.5", "99999999999999999999", ""}) {
    expect_refused(std::string("/api/v1/metrics/top-offenders/?limit=") + bad, "limit");
  }
  for (const char* bad : {"xlsx", "CSV", "", "json"}) {
    expect_refused(std::string("/api/v1/metrics/export/?format=") + bad, "format");
  }
}

TEST_F(IncidentMetrics, AnswerWithOrWithoutTheTrailingSlash) {
  EXPECT_EQ(get("/api/v1/metrics/summary").status, 200);
  EXPECT_EQ(get("/api/v1/metrics/export?period=90d").status, 200);
}

TEST_F(IncidentMetrics, NeedCredentialsHoldingIncidentsRead) {
  const Headers reader = {{"Authorization", "Bearer badges-reader-key"}};
  for (const char* path : {"summary", "trends", "top-offenders", "by-service", "export"}) {
    const std::string url = std::string("/api/v1/metrics/") + path + "/";
    const auto anonymous = get(url, {});
    EXPECT_EQ(anonymous.status, 401) << url;
    EXPECT_TRUE(parse_json(anonymous.body)["error"].IsString()) << anonymous.body;
    EXPECT_EQ(get(url, reader).status, 403) << url;
  }
}

TEST_F(IncidentMetrics, ImasDocumentationPathsServeTheDocsAndTheirAssets) {
  const auto schema = get("/api/schema/", {});
  ASSERT_EQ(schema.status, 200);
  EXPECT_EQ(schema.body, get("/openapi.json", {}).body);
  EXPECT_NE(schema.body.find("/api/v1/metrics/export/"), std::string::npos);

  for (const auto& [page, asset_kind] : std::vector<std::pair<std::string, std::string>>{
           {"/api/docs/", "text/css"}, {"/api/redoc/", "application/javascript"}}) {
    const auto html = get(page, {});
    ASSERT_EQ(html.status, 200) << page;
    EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
    // The first asset the page references, resolved against the page's own URL
    // as a browser would: it must be served.
    std::smatch found;
    ASSERT_TRUE(std::regex_search(html.body, found, std::regex(R"((href|src)="([^"]+)\")")))
        << html.body;
    std::string asset = found[2].str();
    if (asset.front() != '/') asset = page + asset;
    const auto served = get(asset, {});
    EXPECT_EQ(served.status, 200) << page << " references " << asset;
    EXPECT_EQ(served.header("content-type"), asset_kind) << asset;
    EXPECT_GT(served.body.size(), 1000u) << asset;
  }
}

}  // namespace
}  // namespace switchyard::testing
