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

struct Authority {
  std::string host;  // without the brackets of an IPv6 literal
  std::string port;  // the URL's, else the scheme's
};

// The host and port of an http(s) URL's authority ("example.com:8080",
// "[::1]:80", "example.com"), `https` telling the default port.
std::optional<Authority> authority_of(std::string_view authority, bool https) {
  Authority out;
  std::string_view rest = authority;
  if (rest.empty()) return std::nullopt;
  if (rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string(rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
  } else {
    out.host = std::string(rest.substr(0, rest.find(':')));
    rest = rest.substr(out.host.size());
  }
  if (out.host.empty()) return std::nullopt;
  if (rest.empty() || rest == ":") {
    out.port = https ? "443" : "80";
    return out;
  }
  if (rest.front() != ':' || rest.size() > 6) return std::nullopt;
  out.port = std::string(rest.substr(1));
  if (!std::all_of(out.port.begin(), out.port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(out.port) < 1 || std::stoi(out.port) > 65535) {
    return std::nullopt;
  }
  return out;
}

// RFC 6761: `localhost` and names under it are loopback whatever DNS says.
bool is_localhost_name(std::string host) {
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!host.empty() && host.back() == '.') host.pop_back();
  const std::string_view name = host;
  return name == "localhost" || (name.size() > 10 && name.substr(name.size() - 10) == ".localhost");
}

struct CheckedUrl {
  std::optional<std::string> refusal;
  Authority authority;
  bool literal = false;  // the host is an address, nothing to resolve
};

CheckedUrl check_form(std::string_view url, bool allow_private) {
  CheckedUrl out;
  if (url.size() > kMaxCallbackUrlLength) {
    out.refusal = "is longer than " + std::to_string(kMaxCallbackUrlLength) + " characters";
    return out;
  }
  const bool https = starts_with_ci(url, "https://");
  if (!https && !starts_with_ci(url, "http://")) {
    out.refusal = "must be an http:// or https:// URL";
    return out;
  }
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      out.refusal = "must not hold spaces or control characters";
      return out;
    }
  }
  std::string_view authority = url.substr(url.find("://") + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    out.refusal = "must not hold credentials";
    return out;
  }
  const auto parsed = authority_of(authority, https);
  if (!parsed) {
    out.refusal = "has no host, or a port that is not 1 to 65535";
    return out;
  }
  out.authority = *parsed;
  const auto literal = IpAddress::parse(parsed->host);
  out.literal = literal.has_value();
  if (allow_private) return out;
  if (literal && is_private_address(*literal)) {
    out.refusal = "names a private, loopback or link-local address";
  } else if (!literal && is_localhost_name(parsed->host)) {
    out.refusal = "names this machine (localhost)";
  }
  return out;
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
  return check_form(url, allow_private).refusal;
}

std::optional<std::string> refuse_resolved_callback_url(std::string_view url, bool allow_private,
                                                        std::string& connect_to) {
  connect_to.clear();
  const CheckedUrl checked = check_form(url, allow_private);
  if (checked.refusal || allow_private || checked.literal) return checked.refusal;
  const Authority& target = checked.authority;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(target.host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    return "names a host that does not resolve";
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, &freeaddrinfo);
  std::string first;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        a->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (inet_ntop(a->ai_family, raw, text, sizeof text) == nullptr) continue;
    const auto address = IpAddress::parse(text);
    // Any private answer refuses: a name that also points inward is not trusted.
    if (!address || is_private_address(*address)) {
      return "names a host that resolves to a private, loopback or link-local address";
    }
    if (first.empty()) first = a->ai_family == AF_INET6 ? "[" + std::string(text) + "]" : text;
  }
  if (first.empty()) return "names a host that does not resolve";
  connect_to = target.host + ":" + target.port + ":" + first + ":" + target.port;
  return std::nullopt;
}

}  // namespace switchyard::net
