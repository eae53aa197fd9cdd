#pragma once
// What a route handler receives: the request, the responder (move it out to
// answer from another thread) and the authenticated caller.
#include <pistache/router.h>

#include <memory>

#include "http/json_body.hpp"
#include "http/responder.hpp"
#include "http/url_decoding.hpp"
#include "identity/principal.hpp"
#include "trace/trace_context.hpp"

namespace switchyard::api {

struct RequestContext {
  const Pistache::Rest::Request& request;
  Responder& responder;
  const Principal* principal = nullptr;  // null when the request carried no credentials
  JsonLimits json_limits{};              // the server's, for every JSON body read
  // This request's span: the caller's `traceparent` continued, or a new trace. The
  // tasks it publishes carry it (their parent), the answer echoes it.
  trace::TraceContext trace{};

  // Takes the responder out of the request to answer later from another thread
  // (an awaited write, blocking work); this context's responder is then spent.
  std::shared_ptr<Responder> answer_later() {
    return std::make_shared<Responder>(std::move(responder));
  }
  // The raw value of a header that Pistache does not model, if present.
  std::optional<std::string> header(const std::string& name) const {
    if (auto raw = request.headers().tryGetRaw(name)) return raw->value();
    return std::nullopt;
  }
  // Who a write is recorded as (a task's submitted_by): the caller's name, or
  // `nobody` on a route open without credentials.
  std::string caller_name(std::string_view nobody = "anonymous") const {
    return principal != nullptr ? principal->name : std::string(nobody);
  }
  // The query parameter `name`, percent-decoded ('+' is a space); 400 when that
  // is not UTF-8 text.
  std::optional<std::string> query(const std::string& name) const {
    auto raw = request.query().get(name);
    if (!raw) return std::nullopt;
    return decoded_parameter(name, *raw, PlusSign::kSpace);
  }
};

}  // namespace switchyard::api
