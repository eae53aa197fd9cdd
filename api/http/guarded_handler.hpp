#pragma once
// GuardedHandler: the API's Pistache handler, in place of the router's own. It
// watches each request's head on the raw bytes (RequestHeadWatch) and refuses a
// request whose head is too large or whose Content-Length is too large or
// malformed before Pistache buffers it: the refusal is answered (414, 431, 400,
// 413 in the route's error format, with Connection: close) and the rest of that
// connection's input is dropped unread. Accepted requests go to the router
// unchanged.
// Why a handler of our own: Pistache 0.0.5 reads a request into its per-connection
// buffer (up to maxRequestSize) before any route runs, trusts Content-Length
// (std::string::reserve of the claimed size, a 500 for -1 or 1e17), and keeps
// only the first of repeated header lines. Its Http::Handler::onInput is private,
// so onInput below repeats it (http.cc of 0.0.5) with the watch in front.
#include <pistache/http.h>
#include <pistache/router.h>

#include <functional>
#include <memory>
#include <string_view>

#include "errors/app_error.hpp"
#include "http/request_head_watch.hpp"

namespace switchyard::api {

class GuardedHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(GuardedHandler)

  // Answers a refused request; `path` is its path as far as it arrived.
  using Refuse = std::function<void(const AppError& refusal, std::string_view path,
                                    Pistache::Http::ResponseWriter writer)>;

  // `router` must outlive every connection (ApiServer owns both).
  GuardedHandler(Pistache::Rest::Router& router, RequestHeadLimits limits, Refuse refuse)
      : router_(&router), limits_(limits), refuse_(std::move(refuse)) {}

  void onRequest(const Pistache::Http::Request& request,
                 Pistache::Http::ResponseWriter response) override;
  void onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;

 private:
  void onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
  void onInput(const char* buffer, size_t length,
               const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;

  Pistache::Rest::Router* router_;
  RequestHeadLimits limits_;
  Refuse refuse_;
};

}  // namespace switchyard::api
