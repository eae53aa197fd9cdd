#include "incidents/escalation_start.hpp"

#include <fmt/format.h>

#include "domain/incidents/incidents_kinds.hpp"
#include "envelope/internal_task.hpp"
#include "envelope/timestamp.hpp"
#include "storage/incidents/escalation_repository.hpp"

namespace switchyard::workers::incidents {

namespace kinds = ::switchyard::kinds::incidents;

EscalationStart::EscalationStart(const config::ServicesConfig* services)
    : services_(services != nullptr &&
                        services->find_action(std::string(kinds::kEscalate.service),
                                              std::string(kinds::kEscalate.action)) != nullptr
                    ? services
                    : nullptr) {}

void EscalationStart::begin(TaskContext& context, const std::string& incident_id,
                            std::optional<int> first_wait) const {
  if (services_ == nullptr || !first_wait) return;
  context.follow_ups.push_back(
      escalation_task(*services_, incident_id, 1,
                      std::chrono::system_clock::now() + std::chrono::seconds(*first_wait),
                      context.task.submitted_by));
}

envelope::TaskEnvelope escalation_task(const config::ServicesConfig& services,
                                       const std::string& incident_id, int level,
                                       std::chrono::system_clock::time_point run_at,
                                       const std::string& submitted_by) {
  envelope::TaskEnvelope task = envelope::internal_task(
      services, kinds::kEscalate,
      fmt::format(R"({{"incident_id":"{}","level":{}}})", incident_id, level), submitted_by);
  task.id = storage::incidents::escalation_task_id(incident_id, level);
  task.run_at = envelope::format_timestamp(run_at);
  return task;
}

}  // namespace switchyard::workers::incidents
