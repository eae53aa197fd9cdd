#pragma once
// The internal service `identity`: every write of the identity layer (accounts,
// roles, permissions, tokens, API keys) runs as a task, in the window's
// transaction, like any other write. The API publishes these tasks itself and
// waits for their reply; POST /api/v1/tasks refuses them (services.yaml marks the
// service internal), so no caller can grant itself a role.
//
// Failures callers cause are not retried and carry a type the API maps to a
// status: not_found (404), conflict (409), validation (422).
#include "dispatcher.hpp"

namespace switchyard::workers::identity {

void register_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::identity
