#pragma once
// Where a completion callback may go (docs/callbacks.md): an http or https URL of
// at most kMaxCallbackUrlLength characters, without credentials, whose host
// resolves only to public addresses — unless private ones are allowed
// (CALLBACK_ALLOW_PRIVATE, the development default).
//
// Two checks. At submission, on an API request thread, nothing blocks: the URL's
// form, an address literal, and `localhost` names. Before each delivery the host
// is resolved and every address checked; the connection is then pinned to the
// address checked, so a name cannot point elsewhere between the check and the
// connection (DNS rebinding).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "net/cidr.hpp"

namespace switchyard::net {

inline constexpr std::size_t kMaxCallbackUrlLength = 2048;

// Why `url` may not be called back (one sentence, for a 400's detail); nullopt
// when it may. Never resolves a name.
std::optional<std::string> refuse_callback_url(std::string_view url, bool allow_private);

// The delivery's check: refuse_callback_url, then (unless `allow_private`) the
// host resolved (blocking) and refused when any address is private. On success
// `connect_to` is set to a libcurl CONNECT_TO entry ("host:port:address:port")
// pinning the connection to the first address checked; empty when nothing was
// resolved. The reason is one sentence, for the delivery's last_error.
std::optional<std::string> refuse_resolved_callback_url(std::string_view url, bool allow_private,
                                                        std::string& connect_to);

// Loopback, private (RFC 1918, unique local), link-local, shared (CGNAT),
// unspecified, multicast and reserved addresses: not for callbacks.
bool is_private_address(const IpAddress& address);

}  // namespace switchyard::net
