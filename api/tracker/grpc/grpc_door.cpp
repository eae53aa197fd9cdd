#include "tracker/grpc/grpc_door.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "net/cidr.hpp"

namespace switchyard::api::tracker {
namespace {

std::optional<std::string> metadata(const grpc::CallbackServerContext* context, const char* name) {
  const auto& all = context->client_metadata();
  const auto it = all.find(name);
  if (it == all.end()) return std::nullopt;
  return std::string(it->second.data(), it->second.size());
}

// "ipv4:127.0.0.1:5000", "ipv6:[::1]:5000" (brackets maybe percent-encoded).
net::IpAddress peer_address(const std::string& peer) {
  std::string text = peer;
  for (const auto& [from, to] : {std::pair{"%5B", "["}, std::pair{"%5D", "]"}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) {
      text.replace(at, 3, to);
    }
  }
  std::optional<net::IpAddress> address;
  if (text.starts_with("ipv4:")) {
    address = net::IpAddress::parse(text.substr(5, text.rfind(':') - 5));
  } else if (text.starts_with("ipv6:[")) {
    address = net::IpAddress::parse(text.substr(6, text.find(']') - 6));
  }
  return address ? *address : net::IpAddress::parse("::").value();
}

}  // namespace

const RouteSpec& GrpcDoor::route(Pistache::Http::Method method, std::string_view path) const {
  const auto it = std::find_if(routes_.begin(), routes_.end(), [&](const RouteSpec& route) {
    return route.method == method && route.path == path;
  });
  if (it == routes_.end()) {
    throw std::logic_error("the tracker's gRPC door has no REST twin " + std::string(path));
  }
  return *it;
}

GrpcCaller GrpcDoor::admit(grpc::CallbackServerContext* context, const RouteSpec& route) const {
  const auto authorization = metadata(context, "authorization");
  const CallerFacts facts{
      authorization ? std::optional<std::string_view>(*authorization) : std::nullopt, [&] {
        const auto forwarded = metadata(context, "x-forwarded-for");
        return access_.client_of(
            peer_address(context->peer()),
            forwarded ? std::optional<std::string_view>(*forwarded) : std::nullopt);
      }};
  const auto principal =
      access_.admit(route.access, route.rate, facts, [&](std::string name, std::string value) {
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        context->AddInitialMetadata(name, value);
      });
  if (!principal) return {"anonymous", false};
  return {principal->name, principal->admin};
}

}  // namespace switchyard::api::tracker
