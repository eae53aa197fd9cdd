#pragma once
// Scheduled tasks: xcore's /system/tasks (docs/scheduling.md#scheduled-tasks).
// The listener's leader fires them (listener/schedules); this module lists and
// changes them.
#include "module.hpp"
#include "schedules/scheduled_tasks.hpp"

namespace switchyard::api {

class SchedulesApi final : public ApiModuleOf<SchedulesApi> {
 public:
  static constexpr std::string_view kName = "schedules";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<SchedulesApi>> route_rows(const RouteOptions& options);

  explicit SchedulesApi(ModuleContext& context);

 private:
  AwaitedWriter writer_;
  ScheduledTasks tasks_;
};

}  // namespace switchyard::api
