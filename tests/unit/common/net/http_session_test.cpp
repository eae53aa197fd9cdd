// HttpSession against a local recording server: a request pinned with
// `connect_to` reaches the address given without resolving the URL's name (how
// callback deliveries keep to the address they checked), and the pin does not
// stick to the session's later requests; an answer's Retry-After is read in both
// of its forms.
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

TEST(HttpSession, ReadsAnAnswersRetryAfter) {
  RecordingServer server("http_session_retry_after_test");
  server.answer_next("/notify", 429, "{}", 1, {{"Retry-After", "7"}});
  net::HttpSession session;
  net::HttpRequest request;
  request.url = server.notify_url();
  net::HttpResponse limited = session.perform(request);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.retry_after, std::chrono::seconds(7));
  const net::HttpResponse next = session.perform(request);  // no header this time
  EXPECT_EQ(next.status, 202);
  EXPECT_FALSE(next.retry_after);
}

TEST(HttpSession, ParsesRetryAfterAsSecondsOrAnHttpDate) {
  const std::int64_t now = 1445412480;  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(net::parse_retry_after("120", now), std::chrono::seconds(120));
  EXPECT_EQ(net::parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", now),
            std::chrono::seconds(120));
  EXPECT_EQ(net::parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), std::chrono::seconds(0));
  EXPECT_EQ(net::parse_retry_after("99999999999999999999", now), std::chrono::seconds(999'999'999));
  for (const char* bad : {"", "-5", "soon", "1.5"}) {
    EXPECT_FALSE(net::parse_retry_after(bad, now)) << bad;
  }
}

}  // namespace
}  // namespace switchyard::testing
