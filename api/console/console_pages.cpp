#include "console/console_pages.hpp"

#include "errors/app_error.hpp"
#include "http/url_decoding.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

// One decoded path segment, or "" when it could name something other than one
// file name: the StaticFolder lookup would miss those anyway, but an encoded
// separator ("pages%2Ftasks.js") would otherwise join two segments into a path
// that exists.
std::string segment(const RequestContext& context, const std::string& name) {
  if (!context.request.hasParam(":" + name)) return {};
  const std::string decoded =
      url_decode(context.request.param(":" + name).as<std::string>(), PlusSign::kLiteral);
  if (decoded.empty() || decoded == "." || decoded == ".." ||
      decoded.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
    return {};
  }
  return decoded;
}

}  // namespace

ConsolePages::ConsolePages(const std::string& assets_dir) : folder_(assets_dir) {}

void ConsolePages::index(RequestContext& context) { serve(context, "index.html"); }

void ConsolePages::asset(RequestContext& context) {
  const std::string file = segment(context, "file");
  std::string relative = file;
  if (context.request.hasParam(":folder")) {
    const std::string folder = segment(context, "folder");
    relative = folder.empty() || file.empty() ? "" : folder + "/" + file;
  }
  serve(context, relative);  // "" is no file: 404
}

void ConsolePages::serve(RequestContext& context, const std::string& relative) {
  Responder& responder = context.responder;
  responder.add_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  const StaticFolder::File* file = folder_.find(relative);
  if (!file) throw AppError(ErrorCode::kNotFound, "No such console file");
  responder.add_header("Cache-Control", "no-cache");
  responder.add_header("ETag", file->etag);
  if (const auto held = context.request.headers().tryGetRaw("If-None-Match");
      held && held->value() == file->etag) {
    responder.send(Http::Code::Not_Modified, "", file->content_type);
    return;
  }
  responder.send(Http::Code::Ok, file->body, file->content_type);
}

}  // namespace switchyard::api
