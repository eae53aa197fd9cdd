#pragma once
// The signature of a completion callback (docs/callbacks.md): header
// X-Switchyard-Signature: sha256=<lowercase hex HMAC-SHA256 with the client's
// secret over "<X-Switchyard-Timestamp>.<body>">, the timestamp being Unix
// seconds. Binding the timestamp lets a receiver refuse replays of old calls.
#include <string>
#include <string_view>

namespace switchyard::security {

// "sha256=<64 hex digits>".
std::string callback_signature(std::string_view secret, std::string_view timestamp,
                               std::string_view body);

}  // namespace switchyard::security
