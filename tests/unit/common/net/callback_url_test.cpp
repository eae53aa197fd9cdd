// Where completion callbacks may go (net/callback_url.hpp): http(s) URLs of
// bounded length without credentials, and with private addresses refused only
// when they are not allowed.
#include "net/callback_url.hpp"

#include <gtest/gtest.h>

namespace switchyard::net {
namespace {

TEST(CallbackUrl, TakesHttpAndHttpsUrlsOnly) {
  EXPECT_FALSE(refuse_callback_url("https://hooks.example.com/a?b=c", true));
  EXPECT_FALSE(refuse_callback_url("HTTP://127.0.0.1:8080/hook", true));
  for (const char* bad :
       {"ftp://example.com/", "example.com/hook", "javascript:alert(1)", "http://", "http:///path",
        "http://a b/", "http://user:pw@host/", "http://host/\n"}) {
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
}

}  // namespace
}  // namespace switchyard::net
