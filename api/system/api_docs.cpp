#include "system/api_docs.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/request_fields.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

// The pages name their assets and the document by absolute path, so that each
// renders alike from every path it is served at (/docs and /api/docs/, /redoc and
// /api/redoc/): a relative "assets/x.js" would resolve to /api/docs/assets/x.js.
constexpr const char* kSwaggerPage = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Switchyard API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
  persistAuthorization: true});</script>
</body></html>
)";

constexpr const char* kRedocPage = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Switchyard API — ReDoc</title></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="/docs/assets/redoc.standalone.js"></script>
</body></html>
)";

// asset name → path under DOCS_ASSETS_DIR
const std::pair<const char*, const char*> kAssetFiles[] = {
    {"swagger-ui.css", "swagger-ui-dist/swagger-ui.css"},
    {"swagger-ui-bundle.js", "swagger-ui-dist/swagger-ui-bundle.js"},
    {"redoc.standalone.js", "redoc/bundles/redoc.standalone.js"},
};

}  // namespace

ApiDocs::ApiDocs(std::string openapi_json, const std::string& assets_dir)
    : openapi_json_(std::move(openapi_json)) {
  for (const auto& [name, relative] : kAssetFiles) {
    const std::filesystem::path path = std::filesystem::path(assets_dir) / relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      spdlog::warn("docs asset {} is missing (run make deps): /docs and /redoc will not render",
                   path.string());
      continue;
    }
    std::ostringstream body;
    body << in.rdbuf();
    const std::string type = path.extension() == ".css" ? "text/css" : "application/javascript";
    assets_.emplace(name, Asset{type, body.str()});
  }
}

void ApiDocs::openapi(RequestContext& context) {
  context.responder.json(Http::Code::Ok, openapi_json_);
}

void ApiDocs::swagger_ui(RequestContext& context) {
  context.responder.send(Http::Code::Ok, kSwaggerPage, "text/html; charset=utf-8");
}

void ApiDocs::redoc(RequestContext& context) {
  context.responder.send(Http::Code::Ok, kRedocPage, "text/html; charset=utf-8");
}

void ApiDocs::asset(RequestContext& context) {
  const std::string name = path_string(context, "file");
  const auto it = assets_.find(name);
  if (it == assets_.end()) {
    throw AppError(ErrorCode::kNotFound, "No such documentation asset (run make deps)");
  }
  context.responder.add_header("Cache-Control", "public, max-age=86400");
  context.responder.send(Http::Code::Ok, it->second.body, it->second.content_type);
}

}  // namespace switchyard::api
