// IP addresses and CIDR networks (common/net/cidr.hpp), the per-IP rate-limit key
// (IPv6 grouped by /64) and the client address behind trusted proxies
// (api/middleware/trusted_proxies.hpp).
#include <gtest/gtest.h>

#include <stdexcept>

#include "middleware/trusted_proxies.hpp"
#include "net/cidr.hpp"

namespace switchyard::net {
namespace {

IpAddress ip(std::string_view text) {
  auto address = IpAddress::parse(text);
  EXPECT_TRUE(address) << text;
  return address.value_or(IpAddress{});
}

bool in(std::string_view network, std::string_view address) {
  auto cidr = Cidr::parse(network);
  EXPECT_TRUE(cidr) << network;
  return cidr && cidr->contains(ip(address));
}

TEST(IpAddress, ParsesBothFamiliesAndRefusesAnythingElse) {
  EXPECT_EQ(ip("10.0.0.1").to_string(), "10.0.0.1");
  EXPECT_TRUE(ip("10.0.0.1").is_v4());
  EXPECT_EQ(ip("2001:DB8::1").to_string(), "2001:db8::1");
  EXPECT_FALSE(ip("2001:db8::1").is_v4());
  EXPECT_EQ(ip("[::1]").to_string(), "::1");
  // A dual-stack socket reports IPv4 clients as mapped addresses: the same client.
  EXPECT_EQ(ip("::ffff:10.0.0.1"), ip("10.0.0.1"));
  for (const char* bad : {"", "10.0.0", "10.0.0.256", "10.0.0.1:80", "example.com", "1.2.3.4 ",
                          "fe80::1%eth0", "[::1", "::g", "10.0.0.1/8"}) {
    EXPECT_FALSE(IpAddress::parse(bad)) << bad;
  }
}

TEST(Cidr, MatchesIpv4Networks) {
  EXPECT_TRUE(in("10.0.0.0/8", "10.255.1.2"));
  EXPECT_FALSE(in("10.0.0.0/8", "11.0.0.1"));
  EXPECT_TRUE(in("192.168.1.0/24", "192.168.1.77"));
  EXPECT_FALSE(in("192.168.1.0/24", "192.168.2.1"));
  EXPECT_TRUE(in("172.16.0.0/12", "172.31.255.255"));
  EXPECT_FALSE(in("172.16.0.0/12", "172.32.0.0"));
  EXPECT_TRUE(in("203.0.113.7", "203.0.113.7"));  // a bare address is a /32
  EXPECT_FALSE(in("203.0.113.7", "203.0.113.8"));
  EXPECT_TRUE(in("0.0.0.0/0", "198.51.100.1"));
  EXPECT_FALSE(in("0.0.0.0/0", "2001:db8::1"));  // every IPv4 address, no IPv6 one
  EXPECT_TRUE(in("10.1.2.3/8", "10.9.9.9"));     // host bits are ignored
  EXPECT_TRUE(in("10.0.0.0/8", "::ffff:10.0.0.1"));
}

TEST(Cidr, MatchesIpv6Networks) {
  EXPECT_TRUE(in("2001:db8::/32", "2001:db8:ffff::1"));
  EXPECT_FALSE(in("2001:db8::/32", "2001:db9::1"));
  EXPECT_TRUE(in("fd00::/8", "fdab:cdef::1"));
  EXPECT_TRUE(in("2001:db8:0:1::/63", "2001:db8:0:1::1"));
  EXPECT_FALSE(in("2001:db8:0:2::/63", "2001:db8:0:1::1"));
  EXPECT_TRUE(in("::1", "::1"));
  EXPECT_FALSE(in("::1", "::2"));
  EXPECT_TRUE(in("::/0", "10.0.0.1"));  // the whole space holds mapped IPv4 too
  EXPECT_TRUE(in("::ffff:0:0/96", "192.0.2.1"));
}

TEST(Cidr, RefusesMalformedNetworks) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x", "::/129",
                          "host/8", "/8", "10.0.0.0/ 8"}) {
    EXPECT_FALSE(Cidr::parse(bad)) << bad;
  }
  EXPECT_EQ(Cidr::parse("10.1.2.3/8")->to_string(), "10.1.2.3/8");
  EXPECT_EQ(Cidr::parse("2001:db8::/32")->to_string(), "2001:db8::/32");
}

TEST(CidrList, ParsesACommaSeparatedListAndNamesABadEntry) {
  const CidrList list = CidrList::parse(" 10.0.0.0/8, 2001:db8::/32 ,,192.0.2.1");
  EXPECT_TRUE(list.contains(ip("10.2.3.4")));
  EXPECT_TRUE(list.contains(ip("2001:db8::5")));
  EXPECT_TRUE(list.contains(ip("192.0.2.1")));
  EXPECT_FALSE(list.contains(ip("192.0.2.2")));
  EXPECT_EQ(list.to_string(), "10.0.0.0/8,2001:db8::/32,192.0.2.1/32");
  EXPECT_TRUE(CidrList::parse("").empty());
  EXPECT_FALSE(CidrList::parse("").contains(ip("10.0.0.1")));
  try {
    CidrList::parse("10.0.0.0/8,proxy.internal");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("proxy.internal"), std::string::npos) << e.what();
  }
}

TEST(RateLimitKey, IsTheWholeIpv4AddressAndTheIpv6Slash64) {
  EXPECT_EQ(ip("198.51.100.7").rate_limit_key(), "198.51.100.7");
  EXPECT_EQ(ip("::ffff:198.51.100.7").rate_limit_key(), "198.51.100.7");
  // Every address of one /64 shares a budget; the next /64 has its own.
  EXPECT_EQ(ip("2001:db8:1:2::1").rate_limit_key(), "2001:db8:1:2::/64");
  EXPECT_EQ(ip("2001:db8:1:2:ffff:ffff:ffff:ffff").rate_limit_key(), "2001:db8:1:2::/64");
  EXPECT_NE(ip("2001:db8:1:3::1").rate_limit_key(), ip("2001:db8:1:2::1").rate_limit_key());
  EXPECT_EQ(ip("::1").rate_limit_key(), "::/64");
}

TEST(TrustedProxies, IgnoresForwardedForFromAnUntrustedPeer) {
  const api::TrustedProxies proxies(CidrList::parse("10.0.0.0/8"));
  EXPECT_EQ(proxies.client_of(ip("203.0.113.9"), "198.51.100.1"), ip("203.0.113.9"));
  const api::TrustedProxies none(CidrList{});
  EXPECT_EQ(none.client_of(ip("10.0.0.1"), "198.51.100.1"), ip("10.0.0.1"));
}

TEST(TrustedProxies, TakesTheNearestUntrustedHopFromTheRight) {
  const api::TrustedProxies proxies(CidrList::parse("10.0.0.0/8, fd00::/8"));
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), "198.51.100.1"), ip("198.51.100.1"));
  // The client wrote "1.1.1.1" itself; the proxies appended what they saw.
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), "1.1.1.1, 198.51.100.1, 10.0.0.2"),
            ip("198.51.100.1"));
  EXPECT_EQ(proxies.client_of(ip("fd00::1"), "2001:db8::7"), ip("2001:db8::7"));
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), "[2001:db8::7]"), ip("2001:db8::7"));
  // No header, an empty one, or only proxies: the nearest known address.
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), std::nullopt), ip("10.0.0.1"));
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), ""), ip("10.0.0.1"));
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), "10.0.0.3, 10.0.0.2"), ip("10.0.0.3"));
  // Garbage where an address belongs: nothing left of it is believed.
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), "198.51.100.1, not-an-ip"), ip("10.0.0.1"));
  EXPECT_EQ(proxies.client_of(ip("10.0.0.1"), "198.51.100.1, junk, 10.0.0.2"), ip("10.0.0.2"));
}

}  // namespace
}  // namespace switchyard::net
