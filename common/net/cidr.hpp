#pragma once
// IP addresses and CIDR networks, IPv4 and IPv6, for the settings that name
// networks (TRUSTED_PROXIES, TRACKER_ANONYMOUS_FROM) and for per-IP rate limits.
// An IPv4 address is held as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so one
// 128-bit comparison serves both families and a dual-stack socket's
// ::ffff:10.0.0.1 matches 10.0.0.0/8.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::net {

class IpAddress {
 public:
  // "10.0.0.1", "2001:db8::1", "[2001:db8::1]", "::ffff:10.0.0.1"; nullopt for
  // anything else (host names, ports, zone ids, surrounding text).
  static std::optional<IpAddress> parse(std::string_view text);

  bool is_v4() const;  // also true for an IPv4-mapped IPv6 address
  // Dotted quad for IPv4, RFC 5952 text for IPv6.
  std::string to_string() const;
  // The key per-IP limits count under: an IPv4 address whole, an IPv6 address
  // by its /64 ("2001:db8:1:2::/64"), which one subscriber usually holds entirely
  // and can pick fresh addresses from at will.
  std::string rate_limit_key() const;

  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  bool operator==(const IpAddress&) const = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

// One network: "10.0.0.0/8", "2001:db8::/32", or a single address ("10.1.2.3",
// "::1", meaning /32 or /128). Host bits past the prefix are ignored.
class Cidr {
 public:
  static std::optional<Cidr> parse(std::string_view text);
  bool contains(const IpAddress& address) const;
  std::string to_string() const;

 private:
  IpAddress network_;
  int prefix_ = 128;  // in the 128-bit space: an IPv4 /8 is 104
  bool v4_ = false;   // written as IPv4
};

// A comma-separated list of networks, as the settings take it. Empty matches nothing.
class CidrList {
 public:
  CidrList() = default;
  // Throws std::invalid_argument naming the first entry that is not a network.
  static CidrList parse(std::string_view comma_separated);

  bool contains(const IpAddress& address) const;
  bool empty() const { return networks_.empty(); }
  std::string to_string() const;  // comma-separated, for logs

 private:
  std::vector<Cidr> networks_;
};

}  // namespace switchyard::net
