#include "incidents/incident_metrics.hpp"

#include <rapidjson/stringbuffer.h>

#include "incidents/metrics_period.hpp"
#include "json/json_fields.hpp"
#include "storage/incidents/incident_metrics_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::incidents;

void seconds_field(json::Writer& w, const char* key, const repo::Seconds& value) {
  w.Key(key);
  if (value) {
    w.Int64(*value);
  } else {
    w.Null();
  }
}

void percentile_fields(json::Writer& w, const repo::KpiStats& mtta, const repo::KpiStats& mttr) {
  seconds_field(w, "p50_mtta_seconds", mtta.p50);
  seconds_field(w, "p90_mtta_seconds", mtta.p90);
  seconds_field(w, "p50_mttr_seconds", mttr.p50);
  seconds_field(w, "p90_mttr_seconds", mttr.p90);
}

// {"SEV1_CRITICAL": n, ...}: every name, zeros included.
void count_map(json::Writer& w, const char* key, const std::array<std::string_view, 4>& names,
               const std::array<std::int64_t, 4>& counts) {
  w.Key(key);
  w.StartObject();
  for (std::size_t i = 0; i < names.size(); ++i) {
    w.Key(names[i].data(), static_cast<rapidjson::SizeType>(names[i].size()));
    w.Int64(counts[i]);
  }
  w.EndObject();
}

void totals(json::Writer& w, const repo::IncidentCounts& counts) {
  w.Key("total_incidents");
  w.Int64(counts.total);
  w.Key("open_incidents");
  w.Int64(counts.open);
  w.Key("resolved_incidents");
  w.Int64(counts.resolved);
}

void service_field(json::Writer& w, const repo::ServiceRef& service, bool criticality) {
  w.Key("service");
  w.StartObject();
  json::string_field(w, "id", service.id);
  json::string_field(w, "name", service.name);
  if (criticality) json::string_field(w, "criticality", service.criticality);
  w.EndObject();
}

// Runs `read` in a read-only transaction and answers {"period", <what body writes>}.
template <class Read, class Body>
void answer(RequestContext& context, db::ConnectionPool& pool, const MetricsPeriod& period,
            Read&& read, Body&& body) {
  const auto data = pool.read(std::forward<Read>(read));
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "period", period.name);
  body(w, data);
  w.EndObject();
  context.responder.json(Http::Code::Ok, {buffer.GetString(), buffer.GetSize()});
}

}  // namespace

void IncidentMetrics::summary(RequestContext& context) {
  const MetricsPeriod period = read_period(context);
  answer(
      context, pool_, period,
      [&](pqxx::read_transaction& tx) { return repo::metrics_summary(tx, period.window); },
      [](json::Writer& w, const repo::MetricsSummary& s) {
        totals(w, s.counts);
        seconds_field(w, "avg_mttd_seconds", s.avg_mttd);
        seconds_field(w, "avg_mtta_seconds", s.mtta.avg);
        seconds_field(w, "avg_mttr_seconds", s.mttr.avg);
        percentile_fields(w, s.mtta, s.mttr);
        count_map(w, "incidents_by_severity", repo::kSeverities, s.counts.by_severity);
        count_map(w, "incidents_by_status", repo::kStatuses, s.counts.by_status);
      });
}

void IncidentMetrics::trends(RequestContext& context) {
  const MetricsPeriod period = read_period(context);
  answer(
      context, pool_, period,
      [&](pqxx::read_transaction& tx) { return repo::weekly_trends(tx, period.window); },
      [](json::Writer& w, const std::vector<repo::WeekBucket>& weeks) {
        w.Key("data");
        w.StartArray();
        for (const auto& week : weeks) {
          w.StartObject();
          json::string_field(w, "date", week.monday);
          w.Key("incidents");
          w.Int64(week.incidents);
          seconds_field(w, "mttr_avg", week.mttr_avg);
          seconds_field(w, "mtta_avg", week.mtta_avg);
          w.EndObject();
        }
        w.EndArray();
      });
}

void IncidentMetrics::top_offenders(RequestContext& context) {
  const MetricsPeriod period = read_period(context);
  const int limit = read_limit(context, "limit", 10, 1, 100);
  answer(
      context, pool_, period,
      [&](pqxx::read_transaction& tx) { return repo::top_offenders(tx, period.window, limit); },
      [](json::Writer& w, const std::vector<repo::Offender>& offenders) {
        w.Key("results");
        w.StartArray();
        for (const auto& offender : offenders) {
          w.StartObject();
          service_field(w, offender.service, false);
          w.Key("incidents");
          w.Int64(offender.incidents);
          w.Key("open_incidents");
          w.Int64(offender.open_incidents);
          seconds_field(w, "avg_mttr_seconds", offender.avg_mttr);
          w.EndObject();
        }
        w.EndArray();
      });
}

void IncidentMetrics::by_service(RequestContext& context) {
  const MetricsPeriod period = read_period(context);
  answer(
      context, pool_, period,
      [&](pqxx::read_transaction& tx) { return repo::metrics_by_service(tx, period.window); },
      [](json::Writer& w, const std::vector<repo::ServiceMetrics>& services) {
        w.Key("results");
        w.StartArray();
        for (const auto& s : services) {
          w.StartObject();
          service_field(w, s.service, true);
          totals(w, s.counts);
          seconds_field(w, "avg_mtta_seconds", s.mtta.avg);
          seconds_field(w, "avg_mttr_seconds", s.mttr.avg);
          percentile_fields(w, s.mtta, s.mttr);
          count_map(w, "incidents_by_severity", repo::kSeverities, s.counts.by_severity);
          w.EndObject();
        }
        w.EndArray();
      });
}

}  // namespace switchyard::api::incidents
