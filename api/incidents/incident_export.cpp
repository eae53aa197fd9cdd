#include "incidents/incident_export.hpp"

#include <fmt/format.h>

#include <string>

#include "http/csv_writer.hpp"
#include "incidents/imas_fields.hpp"
#include "incidents/metrics_period.hpp"
#include "storage/incidents/incident_metrics_repository.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;
namespace repo = storage::incidents;

// Rows read from PostgreSQL at a time.
constexpr int kBatch = 1000;

constexpr std::string_view kColumns[] = {
    "id",          "short_id",     "title",        "severity",        "status",
    "service",     "created_at",   "detected_at",  "acknowledged_at", "mitigated_at",
    "resolved_at", "mttd_seconds", "mtta_seconds", "mttr_seconds",    "root_cause"};

void seconds_cell(CsvWriter& csv, const repo::Seconds& value) {
  csv.cell(value ? std::to_string(*value) : std::string());
}

// Title, service name and root cause are typed by people: text_cell() keeps a
// spreadsheet from running them as formulas.
void write_row(CsvWriter& csv, const repo::ExportRow& row) {
  csv.cell(row.id);
  csv.cell(row.short_id);
  csv.text_cell(row.title);
  csv.cell(row.severity);
  csv.cell(row.status);
  csv.text_cell(row.service);
  csv.cell(row.created_at);
  csv.cell(row.detected_at);
  csv.optional_cell(row.acknowledged_at);
  csv.optional_cell(row.mitigated_at);
  csv.optional_cell(row.resolved_at);
  seconds_cell(csv, row.mttd);
  seconds_cell(csv, row.mtta);
  seconds_cell(csv, row.mttr);
  csv.optional_text_cell(row.root_cause);
  csv.end_row();
}

}  // namespace

void IncidentExport::csv(RequestContext& context) {
  const auto format = context.query("format");
  if (format && *format != "csv") throw invalid_field("format", "Must be csv.");
  const auto period = read_optional_period(context);
  const std::optional<std::string> window =
      period ? std::optional<std::string>(period->window) : std::nullopt;

  // Reading up to kMaxRows incidents takes seconds: off the reactor thread.
  auto responder = context.answer_later();
  post_answering(blocking_, responder, [this, responder, window] {
    CsvWriter csv;
    for (const auto column : kColumns) csv.cell(column);
    csv.end_row();
    std::size_t rows = 0;
    bool capped = false;
    {
      db::Lease lease = pool_.acquire();
      // One snapshot for every batch: an incident changing meanwhile is written
      // once, as it was when the export started.
      pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(*lease);
      repo::for_each_export_row(tx, window, kBatch, [&](const repo::ExportRow& row) {
        write_row(csv, row);
        capped = ++rows > kMaxRows || csv.size() > kMaxBytes;
        return !capped;
      });
    }
    if (capped) {
      throw invalid_field("period",
                          fmt::format("The export is larger than {} incidents or {} MiB: choose a "
                                      "shorter period.",
                                      kMaxRows, kMaxBytes / (1024 * 1024)));
    }
    responder->add_header("Content-Disposition", "attachment; filename=\"incidents.csv\"");
    responder->send(Http::Code::Ok, csv.take(), "text/csv; charset=utf-8");
  });
}

}  // namespace switchyard::api::incidents
