#pragma once
// The completion callback a submitted task gets (docs/callbacks.md): the body's
// `callback_url`, else its client's default (clients.yaml callbacks.clients), else
// none. A URL that net::refuse_callback_url refuses answers 400 naming
// callback_url, as does a callback that no secret could sign (ENV=production
// without callbacks.secret).
#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "config/clients_config.hpp"
#include "identity/principal.hpp"

namespace switchyard::api {

std::optional<std::string> callback_url_for(const rapidjson::Document& body,
                                            const Principal* principal,
                                            const config::ClientsConfig& clients,
                                            bool allow_private);

}  // namespace switchyard::api
