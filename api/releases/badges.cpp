#include "releases/badges.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "errors/app_error.hpp"
#include "http/request_fields.hpp"
#include "releases/badge_svg.hpp"
#include "storage/releases/releases_repository.hpp"

namespace switchyard::api::releases {
namespace {

namespace Http = Pistache::Http;

void answer(Responder& responder, const std::string& label, const std::string& value,
            BadgeColor color) {
  // Short caching: README viewers (and GitHub's image proxy) refetch soon.
  responder.add_header("Cache-Control", "no-cache, max-age=60");
  responder.send(Http::Code::Ok, badge_svg(label, value, color), "image/svg+xml");
}

}  // namespace

void Badges::get(RequestContext& context) {
  auto param = [&](const char* name) { return path_string(context, name); };
  storage::releases::Component component;
  std::string key;
  try {
    component = {param("client"), param("env"),      "",
                 param("kind"),   param("workload"), param("container")};
    key = param("key");
  } catch (const AppError&) {
    // A path that does not decode to text: still an image, never an error page.
    answer(context.responder, "release", "invalid request", BadgeColor::kRed);
    return;
  }
  const std::string& label = component.env_name;
  const auto principal = authenticator_.from_api_key(key);
  if (!principal) {
    const RateDecision decision = access_.count_failed_credentials(context.request);
    if (!decision.allowed) {
      context.responder.add_header("Retry-After", std::to_string(decision.retry_after_s));
      context.responder.add_header("Cache-Control", "no-store");
      context.responder.send(Http::Code::Too_Many_Requests,
                             badge_svg(label, "rate limited", BadgeColor::kRed), "image/svg+xml");
      return;
    }
    answer(context.responder, label, "unauthorized", BadgeColor::kRed);
    return;
  }
  if (!principal->admin && !principal->client.empty() &&
      principal->client != component.client_name) {
    answer(context.responder, label, "unauthorized", BadgeColor::kRed);
    return;
  }
  std::vector<storage::releases::BadgeRelease> releases;
  try {
    releases = pool_.read([&](pqxx::read_transaction& tx) {
      return storage::releases::badge_releases(tx, component);
    });
  } catch (const std::exception& e) {
    spdlog::warn("request_id={} badge query failed: {}", context.responder.request_id(), e.what());
    answer(context.responder, label, "error", BadgeColor::kRed);
    return;
  }
  std::set<std::string> namespaces;
  for (const auto& release : releases) namespaces.insert(release.namespace_name);
  if (releases.empty()) {
    answer(context.responder, label, "not deployed", BadgeColor::kGray);
  } else if (namespaces.size() > 1) {
    answer(context.responder, label, "multiple", BadgeColor::kYellow);
  } else {
    answer(context.responder, label, releases.front().image_tag, BadgeColor::kGreen);
  }
}

}  // namespace switchyard::api::releases
