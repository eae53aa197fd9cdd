#pragma once
// The identity layer's worker module: the internal service `identity`. Every
// write of the identity layer (accounts, roles, permissions, tokens, API keys)
// runs as a task, in the window's transaction, like any other write. The API
// publishes these tasks itself and waits for their reply; POST /api/v1/tasks
// refuses them (services.yaml marks the service internal), so no caller can grant
// itself a role.
//
// Failures callers cause are not retried and carry a kind the API maps to a
// status: not_found (404), forbidden (403), conflict (409), validation (422).
#include "domain/identity/identity_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::identity {

class IdentityTasks {
 public:
  static constexpr auto& kKinds = kinds::identity::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

// The handlers of each file (accounts.cpp, roles.cpp, credentials.cpp).
void register_account_handlers(Dispatcher& dispatcher);
void register_role_handlers(Dispatcher& dispatcher);
void register_credential_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::identity
