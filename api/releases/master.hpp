#pragma once
// The release tracker's coordination endpoints: GET /api/clients-environments and
// POST /api/ping (MODE=master only: 404 otherwise), and GET /api/config (every
// mode). A ping is a releases.ping task, awaited.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "releases/release_settings.hpp"
#include "request_context.hpp"

namespace switchyard::api::releases {

class Master {
 public:
  Master(AwaitedWriter& writer, db::ConnectionPool& pool, ReleaseSettings settings)
      : writer_(writer), pool_(pool), settings_(std::move(settings)) {}

  void clients_environments(RequestContext& context);
  void ping(RequestContext& context);
  void app_config(RequestContext& context);

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
  ReleaseSettings settings_;
};

}  // namespace switchyard::api::releases
