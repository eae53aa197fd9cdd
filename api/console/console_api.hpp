#pragma once
// The web console (docs/console.md): its page at / and its files at
// /static/{path}, public like the documentation (the console signs in with the
// API's own routes, and shows only what the caller's permissions allow).
#include "console/console_pages.hpp"
#include "module.hpp"

namespace switchyard::api {

class ConsoleApi final : public ApiModuleOf<ConsoleApi> {
 public:
  static constexpr std::string_view kName = "console";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<ConsoleApi>> route_rows(const RouteOptions& options);

  explicit ConsoleApi(ModuleContext& context);

 private:
  ConsolePages pages_;
};

}  // namespace switchyard::api
