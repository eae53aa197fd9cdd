#include "releases/release_access.hpp"

#include "errors/app_error.hpp"

namespace switchyard::api::releases {

void require_client(const RequestContext& context, const std::string& client_name) {
  const Principal* principal = context.principal;
  if (principal == nullptr || principal->admin || principal->client.empty()) return;
  if (principal->client != client_name) {
    throw AppError(ErrorCode::kForbidden, "This API key is limited to client " + principal->client);
  }
}

void require_master(config::Mode mode) {
  if (mode != config::Mode::kMaster) {
    throw AppError(ErrorCode::kNotFound, "Not available: this instance does not run MODE=master");
  }
}

}  // namespace switchyard::api::releases
