#pragma once
// The alert intake's service (docs/alerts.md): `alerts`, one task per alert a
// monitoring tool sent (api/alerts publishes it, not awaited: the webhook answers
// once the broker has it), served by workers/alerts, which opens, repeats,
// acknowledges or resolves the incident of the alert's fingerprint.
#include <array>
#include <string_view>

#include "domain/task_kind.hpp"

namespace switchyard::kinds::alerts {

inline constexpr std::string_view kService = "alerts";

inline constexpr domain::TaskKind kIngest{kService, "ingest"};

inline constexpr std::array kAll{kIngest};

}  // namespace switchyard::kinds::alerts
