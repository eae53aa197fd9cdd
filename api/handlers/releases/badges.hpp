#pragma once
// GET /badges/{api-key}/{client}/{env}/{workload-kind}/{workload-name}/{container}:
// an SVG badge of the environment and the version deployed (release-tracker-api.md,
// "Badge States"): green with the version, gray when nothing is deployed, yellow
// when the workload runs in several namespaces, red for a bad key, a client the
// key may not see, or a query error — always an image, never an HTML error page.
#include "db/connection_pool.hpp"
#include "identity/authenticator.hpp"
#include "request_context.hpp"

namespace switchyard::api::releases {

class Badges {
 public:
  Badges(db::ConnectionPool& pool, const Authenticator& authenticator)
      : pool_(pool), authenticator_(authenticator) {}

  void get(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  const Authenticator& authenticator_;
};

}  // namespace switchyard::api::releases
