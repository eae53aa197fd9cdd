#include "identity/identity_handlers.hpp"

namespace switchyard::workers::identity {

void register_account_handlers(Dispatcher& dispatcher);
void register_role_handlers(Dispatcher& dispatcher);
void register_credential_handlers(Dispatcher& dispatcher);

void register_handlers(Dispatcher& dispatcher) {
  register_account_handlers(dispatcher);
  register_role_handlers(dispatcher);
  register_credential_handlers(dispatcher);
}

}  // namespace switchyard::workers::identity
