#pragma once
// The webhooks of the alert intake (docs/alerts.md), one per source:
//   POST /api/v1/webhooks/alertmanager/   Alertmanager webhook v4
//   POST /api/v1/webhooks/grafana/        Grafana Alerting webhook contact point
//   POST /api/v1/webhooks/datadog/        Datadog webhook (the document's fields)
//   POST /api/v1/webhooks/generic/        the document's generic payload
//   POST /api/v1/webhooks/events/v2/      PagerDuty Events API v2
// Each request, in order: the source's secret checked (401 in the IMAS format:
// a wrong one, or none where the source requires one; failures count against the
// client IP's `unauthenticated` limit), the source's `webhooks` rate limit (429),
// the body read into alerts (400; at most kMaxAlertsPerRequest), then one
// alerts.ingest task per alert published with confirm, not awaited: 202 once the
// broker has them all ({"status": "accepted", "alerts": N}; PagerDuty's
// {"status": "success", "message": "Event processed", "dedup_key"}), 503 when
// it does not. Tasks published before a failure still run: the source's retry
// is deduplicated by fingerprint.
#include "alerts/alert_sources.hpp"
#include "config/services_config.hpp"
#include "domain/alerts/alert.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api {
class AccessControl;
}

namespace switchyard::api::alerts {

class AlertIntake {
 public:
  AlertIntake(AwaitedWriter& writer, amqp::TaskPublisher& publisher, const AccessControl& access,
              const config::ServicesConfig& services, AlertSources sources)
      : writer_(writer),
        publisher_(publisher),
        access_(access),
        services_(services),
        sources_(std::move(sources)) {}

  void alertmanager(RequestContext& context);
  void grafana(RequestContext& context);
  void datadog(RequestContext& context);
  void generic(RequestContext& context);
  void events_v2(RequestContext& context);

 private:
  // Checks the source's secret (`offered`, else the Authorization header's
  // Bearer/Token value) and counts the request against the source's limit.
  const AlertSource& admit(RequestContext& context, const std::string& source_name,
                           const std::string& offered = {}) const;
  // Publishes one task per alert and answers `answer` once all are confirmed.
  void publish(RequestContext& context, const AlertSource& source,
               std::vector<domain::alerts::Alert> alerts, std::string answer);

  AwaitedWriter& writer_;
  amqp::TaskPublisher& publisher_;
  const AccessControl& access_;
  const config::ServicesConfig& services_;
  AlertSources sources_;
};

}  // namespace switchyard::api::alerts
