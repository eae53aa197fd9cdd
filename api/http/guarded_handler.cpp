#include "http/guarded_handler.hpp"

#include <pistache/peer.h>

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

constexpr const char* kWatchData = "switchyard.head";

// A connection's watch, and whether a refusal ended its use.
struct ConnectionWatch {
  RequestHeadWatch head;
  bool refused = false;
};

}  // namespace

void GuardedHandler::onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  peer->putData(ParserData, std::make_shared<Http::RequestParser>(getMaxRequestSize()));
  peer->putData(kWatchData, std::make_shared<ConnectionWatch>());
}

void GuardedHandler::onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  router_->disconnectPeer(peer);
}

void GuardedHandler::onRequest(const Http::Request& request, Http::ResponseWriter response) {
  router_->route(request, std::move(response));
}

void GuardedHandler::onInput(const char* buffer, size_t length,
                             const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  auto& watch = *std::static_pointer_cast<ConnectionWatch>(peer->getData(kWatchData));
  if (watch.refused) return;  // its framing is lost: nothing more is read as requests
  auto parser = getParser(peer);
  auto& request = parser->request;
  if (auto refusal = watch.head.take({buffer, length}, limits_)) {
    watch.refused = true;
    parser->reset();
    Http::ResponseWriter response(Http::Version::Http11, transport(), this, peer);
    response.headers().add<Http::Header::Connection>(Http::ConnectionControl::Close);
    peer->setIdle(false);
    refuse_(*refusal, watch.head.path(), std::move(response));
    return;
  }
  // From here, Pistache 0.0.5's Http::Handler::onInput, plus restarting the watch
  // wherever the parser restarts.
  try {
    if (!parser->feed(buffer, length)) {
      parser->reset();
      watch.head.restart();
      throw Http::HttpError(Http::Code::Request_Entity_Too_Large,
                            "Request exceeded maximum buffer size");
    }
    if (parser->parse() == Http::Private::State::Done) {
      Http::ResponseWriter response(request.version(), transport(), this, peer);
      request.copyAddress(peer->address());
      const auto connection = request.headers().tryGet<Http::Header::Connection>();
      response.headers().add<Http::Header::Connection>(connection ? connection->control()
                                                                  : Http::ConnectionControl::Close);
      peer->setIdle(false);
      onRequest(request, std::move(response));
      parser->reset();
      watch.head.restart();
    }
  } catch (const Http::HttpError& error) {
    Http::ResponseWriter response(request.version(), transport(), this, peer);
    response.send(static_cast<Http::Code>(error.code()), error.reason());
    parser->reset();
    watch.head.restart();
  } catch (const std::exception& error) {
    Http::ResponseWriter response(request.version(), transport(), this, peer);
    response.send(Http::Code::Internal_Server_Error, error.what());
    parser->reset();
    watch.head.restart();
  }
}

}  // namespace switchyard::api
