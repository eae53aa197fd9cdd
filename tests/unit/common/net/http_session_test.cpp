// HttpSession against a local recording server: a request pinned with
// `connect_to` reaches the address given without resolving the URL's name (how
// callback deliveries keep to the address they checked), and the pin does not
// stick to the session's later requests.
#include "net/http_session.hpp"

#include <gtest/gtest.h>

#include "recording_server.hpp"

namespace switchyard::testing {
namespace {

TEST(HttpSession, APinnedRequestGoesToTheAddressGivenWithoutResolvingTheName) {
  RecordingServer server("http_session_test");
  const std::string port = server.url().substr(server.url().rfind(':') + 1);
  net::HttpSession session;

  net::HttpRequest pinned;
  pinned.method = "POST";
  pinned.url = "http://pinned.invalid:" + port + "/notify";  // .invalid never resolves
  pinned.body = "{}";
  pinned.timeout = std::chrono::seconds(5);
  pinned.connect_to = "pinned.invalid:" + port + ":127.0.0.1:" + port;
  const net::HttpResponse answered = session.perform(pinned);
  EXPECT_TRUE(answered.ok()) << answered.status << " " << answered.transport_error;
  ASSERT_EQ(server.calls_to("/notify").size(), 1U);
  EXPECT_EQ(server.calls_to("/notify")[0].header("host"), "pinned.invalid:" + port);

  pinned.connect_to.clear();
  const net::HttpResponse unpinned = session.perform(pinned);
  EXPECT_FALSE(unpinned.answered()) << "the pin outlived its request";
  EXPECT_EQ(server.calls_to("/notify").size(), 1U);
}

}  // namespace
}  // namespace switchyard::testing
