#pragma once
// TrustedProxies: the address a request comes from, for per-IP rate limits and
// source-network checks. The TCP peer, unless the peer is one of TRUSTED_PROXIES:
// then X-Forwarded-For is read from the right (each proxy appends the address it
// was reached from) and the first address that is not itself a trusted proxy is
// the client. A header from any other peer is ignored, so a client cannot pick
// its own address.
//
// Not guaranteed: a trusted proxy that passes on a client's own X-Forwarded-For
// without appending to it makes the client's claim look like the proxy's.
#include <pistache/http.h>

#include <optional>
#include <string_view>

#include "net/cidr.hpp"

namespace switchyard::api {

class TrustedProxies {
 public:
  explicit TrustedProxies(net::CidrList proxies) : proxies_(std::move(proxies)) {}

  // The client of `request`; the unspecified address (::) when Pistache reports a
  // peer that is not an IP address (never seen on TCP).
  net::IpAddress client_of(const Pistache::Http::Request& request) const;

  // The same from parts: `peer` the TCP peer, `forwarded_for` the header's value.
  net::IpAddress client_of(const net::IpAddress& peer,
                           std::optional<std::string_view> forwarded_for) const;

 private:
  net::CidrList proxies_;
};

}  // namespace switchyard::api
