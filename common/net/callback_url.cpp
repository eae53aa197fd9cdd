#include "net/callback_url.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>

namespace switchyard::net {
namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char lower, char c) {
           return std::tolower(static_cast<unsigned char>(c)) == lower;
         });
}

// The host of an http(s) URL's authority ("example.com:8080", "[::1]:80"):
// "example.com", "::1".
std::optional<std::string> host_of(std::string_view authority) {
  std::string_view rest = authority;
  if (rest.empty()) return std::nullopt;
  if (rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return std::string(rest.substr(1, close - 1));
  }
  rest = rest.substr(0, rest.find(':'));
  if (rest.empty()) return std::nullopt;
  return std::string(rest);
}

}  // namespace

bool is_private_address(const IpAddress& address) {
  static const std::array<Cidr, 17> kPrivate = {
      *Cidr::parse("0.0.0.0/8"),    *Cidr::parse("10.0.0.0/8"),     *Cidr::parse("100.64.0.0/10"),
      *Cidr::parse("127.0.0.0/8"),  *Cidr::parse("169.254.0.0/16"), *Cidr::parse("172.16.0.0/12"),
      *Cidr::parse("192.0.0.0/24"), *Cidr::parse("192.168.0.0/16"), *Cidr::parse("198.18.0.0/15"),
      *Cidr::parse("224.0.0.0/4"),  *Cidr::parse("240.0.0.0/4"),    *Cidr::parse("::/128"),
      *Cidr::parse("::1/128"),      *Cidr::parse("fc00::/7"),       *Cidr::parse("fe80::/10"),
      *Cidr::parse("ff00::/8"),     *Cidr::parse("64:ff9b::/96"),
  };
  return std::any_of(kPrivate.begin(), kPrivate.end(),
                     [&](const Cidr& network) { return network.contains(address); });
}

std::optional<std::string> refuse_callback_url(std::string_view url, bool allow_private) {
  if (url.size() > kMaxCallbackUrlLength) {
    return "is longer than " + std::to_string(kMaxCallbackUrlLength) + " characters";
  }
  if (!starts_with_ci(url, "http://") && !starts_with_ci(url, "https://")) {
    return "must be an http:// or https:// URL";
  }
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return "must not hold spaces or control characters";
    }
  }
  std::string_view authority = url.substr(url.find("://") + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return "must not hold credentials";
  const auto host = host_of(authority);
  if (!host) return "has no host";
  if (allow_private) return std::nullopt;
  if (auto literal = IpAddress::parse(*host)) {
    if (is_private_address(*literal)) return "names a private, loopback or link-local address";
    return std::nullopt;
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host->c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    return "names a host that does not resolve";
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, &freeaddrinfo);
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        a->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (inet_ntop(a->ai_family, raw, text, sizeof text) == nullptr) continue;
    const auto address = IpAddress::parse(text);
    // Any private answer refuses: the client library may connect to any of them.
    if (!address || is_private_address(*address)) {
      return "names a host that resolves to a private, loopback or link-local address";
    }
  }
  return std::nullopt;
}

}  // namespace switchyard::net
