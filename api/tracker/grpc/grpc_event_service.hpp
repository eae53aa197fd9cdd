#pragma once
// tracker.event.v1alpha1.EventService (proto/tracker/event/v1alpha1/event.proto)
// over EventActions, each RPC allowed and limited as its REST twin (GrpcDoor):
// CreateEvent, UpdateEvent (the fields set in the request change: proto3 cannot
// tell an unset field from a default one), DeleteEvents, GetEvent, ListEvents and
// TodayEvents (per_page, page), SearchEvents (its filters; `impact` filters only
// when true, as proto3 cannot send "unset"; no paging in the message: the first
// 1000 matches, total_count counting all).
#include "tracker/event/v1alpha1/event.grpc.pb.h"
#include "tracker/event_actions.hpp"
#include "tracker/grpc/grpc_door.hpp"

namespace switchyard::api::tracker {

namespace event_pb = ::tracker::event::v1alpha1;

class GrpcEventService final : public event_pb::EventService::CallbackService {
 public:
  GrpcEventService(const GrpcDoor& door, EventActions& actions);

  grpc::ServerUnaryReactor* CreateEvent(grpc::CallbackServerContext* context,
                                        const event_pb::CreateEventRequest* request,
                                        event_pb::CreateEventResponse* response) override;
  grpc::ServerUnaryReactor* UpdateEvent(grpc::CallbackServerContext* context,
                                        const event_pb::UpdateEventRequest* request,
                                        event_pb::UpdateEventResponse* response) override;
  grpc::ServerUnaryReactor* DeleteEvents(grpc::CallbackServerContext* context,
                                         const event_pb::DeleteEventRequest* request,
                                         event_pb::DeleteEventResponse* response) override;
  grpc::ServerUnaryReactor* GetEvent(grpc::CallbackServerContext* context,
                                     const event_pb::GetEventRequest* request,
                                     event_pb::GetEventResponse* response) override;
  grpc::ServerUnaryReactor* SearchEvents(grpc::CallbackServerContext* context,
                                         const event_pb::SearchEventsRequest* request,
                                         event_pb::SearchEventsResponse* response) override;
  grpc::ServerUnaryReactor* ListEvents(grpc::CallbackServerContext* context,
                                       const event_pb::ListEventsRequest* request,
                                       event_pb::ListEventsResponse* response) override;
  grpc::ServerUnaryReactor* TodayEvents(grpc::CallbackServerContext* context,
                                        const event_pb::TodayEventsRequest* request,
                                        event_pb::TodayEventsResponse* response) override;

 private:
  const GrpcDoor& door_;
  EventActions& actions_;
  const RouteSpec& create_;
  const RouteSpec& update_;
  const RouteSpec& remove_;
  const RouteSpec& get_;
  const RouteSpec& search_;
  const RouteSpec& list_;
  const RouteSpec& today_;
};

}  // namespace switchyard::api::tracker
