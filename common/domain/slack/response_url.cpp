#include "domain/slack/response_url.hpp"

#include <algorithm>
#include <cctype>

namespace switchyard::domain::slack {
namespace {

bool same_host(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool allowed_response_url(std::string_view url, const std::vector<std::string>& hosts) {
  std::string_view rest;
  bool plain = false;  // http: only to a loopback test host
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
    plain = true;
  } else {
    return false;
  }
  const std::size_t end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end);
  // The whole authority but a port is the host: "hooks.slack.com@evil.example"
  // (credentials) matches no listed host.
  if (authority.empty()) return false;
  std::string_view host = authority;
  if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || !std::all_of(port.begin(), port.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      return false;
    }
    host = authority.substr(0, colon);
  }
  if (plain && !same_host(host, "127.0.0.1") && !same_host(host, "localhost")) return false;
  return std::any_of(hosts.begin(), hosts.end(),
                     [&](const std::string& allowed) { return same_host(host, allowed); });
}

}  // namespace switchyard::domain::slack
