#pragma once
// Access rules of release-tracker-api.md shared by its handlers: admin keys see
// every client, client-specific keys only their own (403 otherwise); master-only
// endpoints answer 404 in the other modes.
#include <string>

#include "config/settings.hpp"
#include "request_context.hpp"

namespace switchyard::api::releases {

// 403 unless the caller may see `client_name`.
void require_client(const RequestContext& context, const std::string& client_name);

// 404 unless this instance runs in `MODE=master`.
void require_master(config::Mode mode);

}  // namespace switchyard::api::releases
