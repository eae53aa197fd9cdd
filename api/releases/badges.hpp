#pragma once
// GET /badges/{api-key}/{client}/{env}/{workload-kind}/{workload-name}/{container}:
// an SVG badge of the environment and the version deployed (release-tracker-api.md,
// "Badge States"): green with the version, gray when nothing is deployed, yellow
// when the workload runs in several namespaces, red for a bad key, a client the
// key may not see, or a query error — always an image, never an HTML error page.
// A bad key is a failed authentication: it counts against the client IP's
// `unauthenticated` limit like any other, and past it the red badge comes with
// 429 and Retry-After, so the URL cannot be used to guess keys.
#include "db/connection_pool.hpp"
#include "identity/authenticator.hpp"
#include "middleware/access_control.hpp"
#include "request_context.hpp"

namespace switchyard::api::releases {

class Badges {
 public:
  Badges(db::ConnectionPool& pool, const Authenticator& authenticator, const AccessControl& access)
      : pool_(pool), authenticator_(authenticator), access_(access) {}

  void get(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  const Authenticator& authenticator_;
  const AccessControl& access_;
};

}  // namespace switchyard::api::releases
