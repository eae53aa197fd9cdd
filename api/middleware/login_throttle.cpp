#include "middleware/login_throttle.hpp"

#include <algorithm>
#include <cctype>

#include "errors/app_error.hpp"

namespace switchyard::api {

std::string LoginThrottle::account_key(std::int64_t user_id) {
  return "user:" + std::to_string(user_id);
}

std::string LoginThrottle::login_key(const std::string& login) {
  std::string key = "login:" + login;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

void LoginThrottle::check(const std::string& key, std::int64_t now_epoch) const {
  const RateDecision decision = limiter_.peek(failures_, key, now_epoch);
  if (!decision.allowed) {
    throw AppError(ErrorCode::kRateLimited,
                   "Too many failed sign-ins for this account; retry later")
        .with_retry_after(decision.retry_after_s);
  }
}

void LoginThrottle::failed(const std::string& key, std::int64_t now_epoch) {
  limiter_.check(failures_, key, now_epoch);
}

}  // namespace switchyard::api
