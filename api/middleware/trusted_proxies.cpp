#include "middleware/trusted_proxies.hpp"

namespace switchyard::api {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

net::IpAddress TrustedProxies::client_of(const Pistache::Http::Request& request) const {
  const auto peer = net::IpAddress::parse(request.address().host());
  if (!peer) return net::IpAddress::parse("::").value();
  if (proxies_.empty() || !proxies_.contains(*peer)) return *peer;
  std::optional<std::string> header;
  if (auto raw = request.headers().tryGetRaw("X-Forwarded-For")) header = raw->value();
  return client_of(*peer, header ? std::optional<std::string_view>(*header) : std::nullopt);
}

net::IpAddress TrustedProxies::client_of(const net::IpAddress& peer,
                                         std::optional<std::string_view> forwarded_for) const {
  if (!forwarded_for || !proxies_.contains(peer)) return peer;
  net::IpAddress nearest = peer;  // the last hop known to be a real address
  std::string_view rest = *forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view item =
        trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    const auto hop = net::IpAddress::parse(item);
    // Garbage (or a port, or a name) where an address belongs: trust nothing left of it.
    if (!hop) return nearest;
    if (!proxies_.contains(*hop)) return *hop;
    nearest = *hop;
  }
  return nearest;  // every hop is a trusted proxy: the leftmost one is the client
}

}  // namespace switchyard::api
