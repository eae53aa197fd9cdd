#pragma once
// The release tracker (release-tracker-api.md): collection, current and history
// views, master coordination, configuration and badges.
#include "module.hpp"
#include "releases/badges.hpp"
#include "releases/collection.hpp"
#include "releases/master.hpp"
#include "releases/release_views.hpp"

namespace switchyard::api::releases {

class ReleasesApi final : public ApiModuleOf<ReleasesApi> {
 public:
  static constexpr std::string_view kName = "releases";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<ReleasesApi>> route_rows(const RouteOptions& options);

  explicit ReleasesApi(ModuleContext& context);

 private:
  ReleaseSettings settings_;
  AwaitedWriter writer_;
  Collection collection_;
  ReleaseViews views_;
  Master master_;
  Badges badges_;
};

}  // namespace switchyard::api::releases
