#pragma once
// The one check of an email address the API makes (an account's email, an
// escalation target's): local@domain, one '@', a dot inside the domain, at most
// 254 bytes, no space or control character (NUL included). What a mail server,
// the on-call notifier and Slack's users.lookupByEmail can use, not RFC 5322 in
// full.
#include <string_view>

namespace switchyard::domain {

inline constexpr std::size_t kMaxEmailLength = 254;

inline bool plausible_email(std::string_view email) {
  if (email.size() > kMaxEmailLength) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const auto dot = email.find('.', at + 2);
  if (dot == std::string_view::npos || dot + 1 >= email.size()) return false;
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace switchyard::domain
