#include "tracker/grpc/tracker_grpc_server.hpp"

#include <fmt/format.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <stdexcept>

namespace switchyard::api::tracker {
namespace {

constexpr const char* kServices[] = {"tracker.event.v1alpha1.EventService",
                                     "tracker.catalog.v1alpha1.CatalogService",
                                     "tracker.lock.v1alpha1.LockService"};

void set_serving(grpc::Server& server, bool serving) {
  auto* health = server.GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus(serving);
  for (const char* service : kServices) health->SetServingStatus(service, serving);
}

}  // namespace

TrackerGrpcServer::TrackerGrpcServer(TrackerGrpcOptions options, const AccessControl& access,
                                     std::vector<RouteSpec> routes, EventActions& events,
                                     CatalogActions& catalog, LockActions& locks)
    : options_(std::move(options)),
      door_(access, std::move(routes)),
      events_(door_, events),
      catalog_(door_, catalog),
      locks_(door_, locks) {}

TrackerGrpcServer::~TrackerGrpcServer() { stop(); }

void TrackerGrpcServer::start() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  const bool ipv6 = options_.host.find(':') != std::string::npos;
  const std::string address = ipv6 ? fmt::format("[{}]:{}", options_.host, options_.port)
                                   : fmt::format("{}:{}", options_.host, options_.port);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &port_);
  // Without it a second process could bind the same port, and calls would be
  // shared between the two without a word.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options_.max_message_bytes));
  builder.RegisterService(&events_);
  builder.RegisterService(&catalog_);
  builder.RegisterService(&locks_);
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    server_.reset();
    throw std::runtime_error("the tracker's gRPC door cannot listen on " + address +
                             " (GRPC_PORT; 0 turns it off)");
  }
  set_serving(*server_, true);
}

void TrackerGrpcServer::stop() {
  if (!server_) return;
  set_serving(*server_, false);
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(10));
  server_->Wait();
  server_.reset();
}

}  // namespace switchyard::api::tracker
