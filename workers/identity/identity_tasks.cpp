#include "identity/identity_tasks.hpp"

namespace switchyard::workers::identity {

void IdentityTasks::add_to(Dispatcher& dispatcher, const WorkerContext& /*context*/) {
  register_account_handlers(dispatcher);
  register_role_handlers(dispatcher);
  register_credential_handlers(dispatcher);
}

}  // namespace switchyard::workers::identity
