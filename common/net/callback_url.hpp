#pragma once
// Where a completion callback may go (docs/callbacks.md): an http or https URL of
// at most kMaxCallbackUrlLength characters, without credentials, whose host
// resolves only to public addresses — unless private ones are allowed
// (CALLBACK_ALLOW_PRIVATE, the development default). Checked at submission and
// again before each delivery, because a name can resolve elsewhere later.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "net/cidr.hpp"

namespace switchyard::net {

inline constexpr std::size_t kMaxCallbackUrlLength = 2048;

// Why `url` may not be called back (one sentence, for a 400's detail or a
// delivery's last_error); nullopt when it may. Resolves the host (blocking) unless
// `allow_private`.
std::optional<std::string> refuse_callback_url(std::string_view url, bool allow_private);

// Loopback, private (RFC 1918, unique local), link-local, shared (CGNAT),
// unspecified, multicast and reserved addresses: not for callbacks.
bool is_private_address(const IpAddress& address);

}  // namespace switchyard::net
