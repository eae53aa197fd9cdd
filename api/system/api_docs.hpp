#pragma once
// The API's documentation, served locally (no CDN): GET /openapi.json, Swagger UI
// at /docs and ReDoc at /redoc (also at the IMAS paths /api/schema/, /api/docs/
// and /api/redoc/, and at xcore's /core-docs), with their assets read once at start from
// DOCS_ASSETS_DIR (npm packages swagger-ui-dist and redoc installed by make deps).
#include <map>
#include <string>

#include "request_context.hpp"

namespace switchyard::api {

class ApiDocs {
 public:
  ApiDocs(std::string openapi_json, const std::string& assets_dir);

  void openapi(RequestContext& context);
  void swagger_ui(RequestContext& context);
  void redoc(RequestContext& context);
  // GET /docs/assets/:file — one of the cached asset files.
  void asset(RequestContext& context);

 private:
  struct Asset {
    std::string content_type;
    std::string body;
  };
  std::string openapi_json_;
  std::map<std::string, Asset> assets_;
};

}  // namespace switchyard::api
