#include "http/responder.hpp"

#include <fcntl.h>
#include <pistache/peer.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include "http/error_body.hpp"
#include "metrics/http_metrics.hpp"

namespace switchyard::api {

namespace Http = Pistache::Http;

namespace {

// A header Pistache has no class for. Pistache 0.0.5 writes only typed headers into
// a response (addRaw() ones are dropped), so each extension header needs one.
class ExtensionHeader final : public Http::Header::Header {
 public:
  ExtensionHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& os) const override { os << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override { return Http::Header::detail::hash(name_.c_str()); }
#endif

 private:
  std::string name_;
  std::string value_;
};

}  // namespace

void Responder::send(Http::Code code, std::string_view body, std::string_view content_type) {
  if (answered_) return;
  answered_ = true;
  metrics_->record(static_cast<int>(code), std::chrono::steady_clock::now() - started_);
  // Hold the peer across send(): ResponseWriter checks then locks its weak pointer,
  // and the client may disconnect in between when we answer from another thread.
  const auto peer = writer_.getPeer();
  if (!peer) return;
  auto& headers = writer_.headers();
  headers.add(std::make_shared<ExtensionHeader>("X-Request-ID", request_id_));
  // Hardening for every answer: no MIME sniffing, no framing, no referrer leaks.
  headers.add(std::make_shared<ExtensionHeader>("X-Content-Type-Options", "nosniff"));
  headers.add(std::make_shared<ExtensionHeader>("X-Frame-Options", "DENY"));
  headers.add(std::make_shared<ExtensionHeader>("Referrer-Policy", "no-referrer"));
  if (keep_alive_) {  // replaces the `Connection: Close` Pistache set before onRequest
    headers.remove<Http::Header::Connection>();
    headers.add<Http::Header::Connection>(Http::ConnectionControl::KeepAlive);
  }
  for (auto& [name, value] : headers_) {
    headers.add(std::make_shared<ExtensionHeader>(std::move(name), std::move(value)));
  }
  static const Http::Mime::MediaType kJson = MIME(Application, Json);
  writer_.send(code, body.data(), body.size(),
               content_type == "application/json"
                   ? kJson
                   : Http::Mime::MediaType::fromString(std::string(content_type)));
}

void Responder::error(const AppError& e) {
  // The internal message (never a body or a credential) goes to the log with the
  // request id; the client gets the public one.
  if (e.code() == ErrorCode::kInternal) {
    spdlog::error("request_id={} route={} internal error: {}", request_id_, route_, e.what());
  } else if (e.code() == ErrorCode::kUnavailable) {
    spdlog::warn("request_id={} route={} unavailable: {}", request_id_, route_, e.what());
  }
  // A 503 always says when to come back: its own delay, else a second.
  if (e.retry_after() > 0) {
    add_header("Retry-After", std::to_string(e.retry_after()));
  } else if (e.code() == ErrorCode::kUnavailable) {
    add_header("Retry-After", "1");
  }
  if (e.code() == ErrorCode::kUnauthorized) add_header("WWW-Authenticate", "Bearer");
  switch (style_) {
    case ErrorStyle::kImas:
      json(http_status(e.code()),
           imas_error_body(e.public_message(), e.details_json(), e.retry_after()));
      break;
    case ErrorStyle::kGrpcGateway:
      json(http_status(e.code()), grpc_error_body(e.code(), e.public_message(), e.details_json()));
      break;
    case ErrorStyle::kXcore:
      json(http_status(e.code()), error_body(e.code(), e.public_message(), e.details_json(),
                                             request_id_, e.retry_after()));
      break;
  }
}

int Responder::detach_socket() {
  answered_ = true;
  // Taken on the connection's reactor thread, while Pistache still owns the
  // descriptor: the duplicate refers to this client's socket, never a reused number.
  const auto peer = writer_.getPeer();
  if (!peer) return -1;
  const int fd = ::fcntl(peer->fd(), F_DUPFD_CLOEXEC, 0);
  if (fd < 0) return -1;
  ::shutdown(fd, SHUT_RD);
  return fd;
}

}  // namespace switchyard::api
