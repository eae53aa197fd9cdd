// Where completion callbacks may go (net/callback_url.hpp): http(s) URLs of
// bounded length without credentials, and with private addresses refused only
// when they are not allowed — by form at submission (never resolving a name), and
// resolved at delivery.
#include "net/callback_url.hpp"

#include <gtest/gtest.h>
#include <netdb.h>
#include <unistd.h>

#include <array>

namespace switchyard::net {
namespace {

TEST(CallbackUrl, TakesHttpAndHttpsUrlsOnly) {
  EXPECT_FALSE(refuse_callback_url("https://hooks.example.com/a?b=c", true));
  EXPECT_FALSE(refuse_callback_url("HTTP://127.0.0.1:8080/hook", true));
  for (const char* bad :
       {"ftp://example.com/", "example.com/hook", "javascript:alert(1)", "http://", "http:///path",
        "http://a b/", "http://user:pw@host/", "http://host/\n", "http://host:0/",
        "http://host:65536/", "http://host:8a/", "http://host:1:2/", "http://[::1]x/"}) {
    EXPECT_TRUE(refuse_callback_url(bad, true)) << bad;
  }
  EXPECT_TRUE(
      refuse_callback_url("https://example.com/" + std::string(kMaxCallbackUrlLength, 'a'), true));
}

TEST(CallbackUrl, RefusesPrivateLoopbackAndLinkLocalAddressesUnlessAllowed) {
  for (const char* url : {"http://127.0.0.1/", "http://10.0.0.8:9000/", "http://172.16.4.1/",
                          "http://192.168.1.1/", "http://169.254.169.254/latest",
                          "http://[::1]:8080/", "http://[fe80::1]/", "http://[fd00::1]/",
                          "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://localhost/"}) {
    EXPECT_TRUE(refuse_callback_url(url, false)) << url;
    EXPECT_FALSE(refuse_callback_url(url, true)) << url;
  }
  EXPECT_FALSE(refuse_callback_url("http://93.184.215.14/hook", false));
  EXPECT_FALSE(refuse_callback_url("http://[2606:4700::1111]/hook", false));
  EXPECT_FALSE(refuse_callback_url("https://example.com:8443/hook", false));
  for (const char* url : {"http://LOCALHOST./", "http://api.localhost:8000/"}) {
    EXPECT_TRUE(refuse_callback_url(url, false)) << url;
  }
}

TEST(CallbackUrl, TheSubmissionCheckResolvesNothingAndTheDeliveryCheckResolves) {
  std::string connect_to = "left over";
  // `.invalid` never resolves (RFC 6761): only the delivery can tell.
  EXPECT_FALSE(refuse_callback_url("https://hooks.invalid/a", false));
  const auto refused = refuse_resolved_callback_url("https://hooks.invalid/a", false, connect_to);
  ASSERT_TRUE(refused);
  EXPECT_EQ(*refused, "names a host that does not resolve");
  EXPECT_EQ(connect_to, "");
}

TEST(CallbackUrl, AtDeliveryANameThatResolvesInwardIsRefused) {
  // This machine's own name: on Debian it resolves to 127.0.1.1 or another
  // address of the machine, which is what a hostile name would point at.
  std::array<char, 256> name{};
  ASSERT_EQ(gethostname(name.data(), name.size() - 1), 0);
  addrinfo* found = nullptr;
  if (getaddrinfo(name.data(), nullptr, nullptr, &found) != 0) {
    GTEST_SKIP() << "this machine's name (" << name.data() << ") does not resolve here";
  }
  freeaddrinfo(found);
  const std::string url = "http://" + std::string(name.data()) + ":8080/hook";
  std::string connect_to;
  EXPECT_FALSE(refuse_callback_url(url, false)) << "the submission check resolved the name";
  const auto refused = refuse_resolved_callback_url(url, false, connect_to);
  ASSERT_TRUE(refused) << url << " resolves to a public address here";
  EXPECT_EQ(*refused, "names a host that resolves to a private, loopback or link-local address");
  // Allowed private addresses resolve nothing and pin nothing.
  EXPECT_FALSE(refuse_resolved_callback_url(url, true, connect_to));
  EXPECT_EQ(connect_to, "");
}

TEST(CallbackUrl, AnAddressLiteralIsCheckedWithoutResolvingAndNotPinned) {
  std::string connect_to = "left over";
  EXPECT_FALSE(refuse_resolved_callback_url("http://93.184.215.14:81/hook", false, connect_to));
  EXPECT_EQ(connect_to, "");
  EXPECT_TRUE(refuse_resolved_callback_url("http://[::ffff:10.0.0.1]/", false, connect_to));
}

}  // namespace
}  // namespace switchyard::net
