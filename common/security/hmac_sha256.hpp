#pragma once
// HMAC-SHA256 as the signatures of outside parties use it (Slack's requests,
// Grafana's webhooks, our own completion callbacks): keyed with a shared secret
// over parts that are concatenated, written as lowercase hex.
#include <initializer_list>
#include <string>
#include <string_view>

namespace switchyard::security {

// The lowercase hex HMAC-SHA256 of the concatenation of `parts`, keyed with `key`.
std::string hmac_sha256_hex(std::string_view key, std::initializer_list<std::string_view> parts);

// Whether `a` and `b` are equal, in a time that does not depend on where they
// first differ (only on their length).
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace switchyard::security
