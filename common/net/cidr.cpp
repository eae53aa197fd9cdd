#include "net/cidr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <stdexcept>

namespace switchyard::net {
namespace {

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
constexpr int kV4PrefixOffset = 96;  // an IPv4 /n is /(96 + n) in the mapped space

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string ntop(int family, const void* bytes) {
  char text[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(family, bytes, text, sizeof text) == nullptr) return {};
  return text;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  // inet_pton needs a C string; anything longer than an address is not one.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string c_text(text);
  IpAddress address;
  in_addr v4{};
  if (inet_pton(AF_INET, c_text.c_str(), &v4) == 1) {
    std::memcpy(address.bytes_.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size());
    std::memcpy(address.bytes_.data() + 12, &v4, 4);
    return address;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, c_text.c_str(), &v6) == 1) {
    std::memcpy(address.bytes_.data(), &v6, 16);
    return address;
  }
  return std::nullopt;
}

bool IpAddress::is_v4() const {
  return std::memcmp(bytes_.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size()) == 0;
}

std::string IpAddress::to_string() const {
  if (is_v4()) return ntop(AF_INET, bytes_.data() + 12);
  return ntop(AF_INET6, bytes_.data());
}

std::string IpAddress::rate_limit_key() const {
  if (is_v4()) return to_string();
  std::array<std::uint8_t, 16> network = bytes_;
  std::fill(network.begin() + 8, network.end(), 0);
  return ntop(AF_INET6, network.data()) + "/64";
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
  text = trim(text);
  const auto slash = text.find('/');
  const std::string_view address_text = text.substr(0, slash);
  const auto address = IpAddress::parse(address_text);
  if (!address) return std::nullopt;
  // The prefix counts in the family the text is written in: ::ffff:0:0/96 is IPv6.
  const bool v4 = address_text.find(':') == std::string_view::npos;
  const int max_prefix = v4 ? 32 : 128;
  int prefix = max_prefix;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || prefix < 0 ||
        prefix > max_prefix) {
      return std::nullopt;
    }
  }
  Cidr cidr;
  cidr.network_ = *address;
  cidr.prefix_ = v4 ? prefix + kV4PrefixOffset : prefix;
  cidr.v4_ = v4;
  return cidr;
}

bool Cidr::contains(const IpAddress& address) const {
  const auto& a = address.bytes();
  const auto& n = network_.bytes();
  const int whole = prefix_ / 8;
  if (std::memcmp(a.data(), n.data(), static_cast<std::size_t>(whole)) != 0) return false;
  const int rest = prefix_ % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (a[static_cast<std::size_t>(whole)] & mask) == (n[static_cast<std::size_t>(whole)] & mask);
}

std::string Cidr::to_string() const {
  // An IPv4-mapped network written as IPv6 stays IPv6 text.
  const std::string mapped = !v4_ && network_.is_v4() ? "::ffff:" : "";
  return mapped + network_.to_string() + "/" +
         std::to_string(v4_ ? prefix_ - kV4PrefixOffset : prefix_);
}

CidrList CidrList::parse(std::string_view comma_separated) {
  CidrList list;
  std::size_t start = 0;
  while (start <= comma_separated.size()) {
    auto end = comma_separated.find(',', start);
    if (end == std::string_view::npos) end = comma_separated.size();
    const std::string_view item = trim(comma_separated.substr(start, end - start));
    if (!item.empty()) {
      auto cidr = Cidr::parse(item);
      if (!cidr) {
        throw std::invalid_argument("\"" + std::string(item) +
                                    "\" is not an IP address or CIDR network");
      }
      list.networks_.push_back(*cidr);
    }
    start = end + 1;
  }
  return list;
}

bool CidrList::contains(const IpAddress& address) const {
  for (const Cidr& cidr : networks_) {
    if (cidr.contains(address)) return true;
  }
  return false;
}

std::string CidrList::to_string() const {
  std::string text;
  for (const Cidr& cidr : networks_) {
    if (!text.empty()) text += ",";
    text += cidr.to_string();
  }
  return text;
}

}  // namespace switchyard::net
