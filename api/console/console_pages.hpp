#pragma once
// ConsolePages: the web console's HTTP side. GET / answers the console's
// index.html, GET /static/{path} its modules and styles, all from one
// StaticFolder (CONSOLE_ASSETS_DIR) read at start. Every answer, a 404 included,
// carries the console's Content-Security-Policy (kContentSecurityPolicy: no
// inline script or style, nothing from another origin, no framing); the
// Responder adds X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer
// to every answer of the API. Files are revalidated by ETag (Cache-Control:
// no-cache), since their names carry no version.
#include <string>
#include <string_view>

#include "console/static_folder.hpp"
#include "request_context.hpp"

namespace switchyard::api {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

class ConsolePages {
 public:
  explicit ConsolePages(const std::string& assets_dir);

  // GET /
  void index(RequestContext& context);
  // GET /static/:file and GET /static/:folder/:file
  void asset(RequestContext& context);

 private:
  // 404 unless `relative` is a loaded file; 304 when the caller holds its ETag.
  void serve(RequestContext& context, const std::string& relative);

  StaticFolder folder_;
};

}  // namespace switchyard::api
