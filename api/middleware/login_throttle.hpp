#pragma once
// LoginThrottle: failed sign-ins per account, besides the per-IP `auth` limit. An
// attacker who spreads password guesses over many addresses still gets
// `failed_logins` (clients.yaml) guesses per account and window; past them every
// sign-in of that account answers 429 until the window ends — also the right
// password, so a guess that happens to be right is not confirmed either.
//
// Accounts are keyed by user id when the login names one (its email and username
// share a budget) and by the login text otherwise, so an unknown account is
// throttled the same way and a 429 does not tell which accounts exist. Not
// guaranteed: someone who knows an account's login can keep it throttled (the
// window is short; the per-IP limit slows them).
#include <cstdint>
#include <string>

#include "middleware/rate_limiter.hpp"

namespace switchyard::api {

class LoginThrottle {
 public:
  LoginThrottle(RateLimiter& limiter, RateLimit failures)
      : limiter_(limiter), failures_(std::move(failures)) {}

  // Key of an account: "user:<id>", or the lowercased login it was looked up by.
  static std::string account_key(std::int64_t user_id);
  static std::string login_key(const std::string& login);

  // Throws AppError 429 (with Retry-After) when the account has no guess left.
  void check(const std::string& key, std::int64_t now_epoch) const;
  // Counts a wrong password against the account.
  void failed(const std::string& key, std::int64_t now_epoch);

 private:
  RateLimiter& limiter_;
  RateLimit failures_;
};

}  // namespace switchyard::api
