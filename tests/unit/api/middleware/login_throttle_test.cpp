// LoginThrottle (api/middleware/login_throttle.hpp): wrong passwords are counted
// per account, whatever the IP, and past the limit every sign-in of the account
// is refused (429) until the window ends.
#include "middleware/login_throttle.hpp"

#include <gtest/gtest.h>

#include "errors/app_error.hpp"

namespace switchyard::api {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kHour = 1'699'999'200;  // the start of an hour

TEST(LoginThrottle, RefusesAnAccountPastItsFailedSignIns) {
  RateLimiter limiter;
  LoginThrottle throttle(limiter, {"failed_logins", 3, 900s});
  const std::string key = LoginThrottle::account_key(42);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NO_THROW(throttle.check(key, kHour + 10));
    throttle.failed(key, kHour + 10);
  }
  try {
    throttle.check(key, kHour + 10);
    FAIL() << "no 429";
  } catch (const AppError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kRateLimited);
    EXPECT_EQ(e.retry_after(), 890);
  }
  EXPECT_NO_THROW(throttle.check(LoginThrottle::account_key(43), kHour + 10));
  EXPECT_NO_THROW(throttle.check(key, kHour + 900));  // the next window
}

TEST(LoginThrottle, ChecksDoNotCountOnlyFailuresDo) {
  RateLimiter limiter;
  LoginThrottle throttle(limiter, {"failed_logins", 1, 900s});
  for (int i = 0; i < 10; ++i) EXPECT_NO_THROW(throttle.check("user:1", kHour));
}

TEST(LoginThrottle, KeysUnknownLoginsCaseInsensitively) {
  EXPECT_EQ(LoginThrottle::login_key("Ghost@Example.COM"), "login:ghost@example.com");
  EXPECT_EQ(LoginThrottle::account_key(7), "user:7");
}

}  // namespace
}  // namespace switchyard::api
