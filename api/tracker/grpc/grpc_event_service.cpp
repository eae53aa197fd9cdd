#include "tracker/grpc/grpc_event_service.hpp"

#include "tracker/grpc/proto_json.hpp"
#include "tracker/wire_enums.hpp"
#include "tracker/wire_input.hpp"
#include "tracker/wire_json.hpp"

namespace switchyard::api::tracker {
namespace {

using Pistache::Http::Method;
namespace repo = storage::tracker;
using namespace ::switchyard::tracker;

// A create or update request in the event's JSON shape: its top-level slack_id
// is the event's metadata.slackId.
rapidjson::Document event_body(const google::protobuf::Message& request) {
  rapidjson::Document body = json_of(request);
  if (auto slack = body.FindMember("slackId"); slack != body.MemberEnd()) {
    rapidjson::Value metadata(rapidjson::kObjectType);
    metadata.AddMember("slackId", slack->value, body.GetAllocator());
    body.RemoveMember("slackId");
    body.AddMember("metadata", metadata, body.GetAllocator());
  }
  return body;
}

void fill_event(const Event& event, event_pb::Event& message) {
  fill_from_wire(event_to_wire(event), message);
}

// An enum filter: 0 is unset; another number must be one of the enum's.
std::optional<int> enum_filter(int value, const char* name, const WireEnum& values) {
  if (value == 0) return std::nullopt;
  return enum_query(std::to_string(value), name, values);
}

template <class Response>
void fill_page(const repo::EventPage& page, Response& response) {
  for (const auto& event : page.events) fill_event(event, *response.add_events());
  response.set_total_count(static_cast<std::uint32_t>(page.total));
}

}  // namespace

GrpcEventService::GrpcEventService(const GrpcDoor& door, EventActions& actions)
    : door_(door),
      actions_(actions),
      create_(door.route(Method::Post, "/api/v1alpha1/event")),
      update_(door.route(Method::Put, "/api/v1alpha1/event")),
      remove_(door.route(Method::Delete, "/api/v1alpha1/event/:id")),
      get_(door.route(Method::Get, "/api/v1alpha1/event/:id")),
      search_(door.route(Method::Get, "/api/v1alpha1/events/search")),
      list_(door.route(Method::Get, "/api/v1alpha1/events/list")),
      today_(door.route(Method::Get, "/api/v1alpha1/events/today")) {}

grpc::ServerUnaryReactor* GrpcEventService::CreateEvent(grpc::CallbackServerContext* context,
                                                        const event_pb::CreateEventRequest* request,
                                                        event_pb::CreateEventResponse* response) {
  return door_.call(context, create_, [&](const GrpcCaller& caller, const auto& answer) {
    actions_.create(event_body(*request), caller.name,
                    answer->template settled<Event>([response](const Event& event) {
                      fill_event(event, *response->mutable_event());
                    }));
  });
}

grpc::ServerUnaryReactor* GrpcEventService::UpdateEvent(grpc::CallbackServerContext* context,
                                                        const event_pb::UpdateEventRequest* request,
                                                        event_pb::UpdateEventResponse* response) {
  return door_.call(context, update_, [&](const GrpcCaller& caller, const auto& answer) {
    actions_.update(event_body(*request), caller.name,
                    answer->template settled<Event>([response](const Event& event) {
                      fill_event(event, *response->mutable_event());
                    }));
  });
}

grpc::ServerUnaryReactor* GrpcEventService::DeleteEvents(
    grpc::CallbackServerContext* context, const event_pb::DeleteEventRequest* request,
    event_pb::DeleteEventResponse* response) {
  return door_.call(context, remove_, [&](const GrpcCaller& caller, const auto& answer) {
    actions_.remove(
        request->id(), caller.name,
        answer->template settled<std::string>([request, response](const std::string& id) {
          response->set_id(id);
          response->set_slack_id(request->slack_id());
        }));
  });
}

grpc::ServerUnaryReactor* GrpcEventService::GetEvent(grpc::CallbackServerContext* context,
                                                     const event_pb::GetEventRequest* request,
                                                     event_pb::GetEventResponse* response) {
  return door_.call(context, get_, [&](const GrpcCaller&, const auto& answer) {
    fill_event(actions_.get(request->id()), *response->mutable_event());
    answer->ok();
  });
}

grpc::ServerUnaryReactor* GrpcEventService::SearchEvents(
    grpc::CallbackServerContext* context, const event_pb::SearchEventsRequest* request,
    event_pb::SearchEventsResponse* response) {
  return door_.call(context, search_, [&](const GrpcCaller&, const auto& answer) {
    repo::EventFilter filter;
    if (!request->source().empty()) filter.source = request->source();
    filter.type = enum_filter(request->type(), "type", kEventType);
    filter.priority = enum_filter(request->priority(), "priority", kEventPriority);
    filter.status = enum_filter(request->status(), "status", kEventStatus);
    if (!request->service().empty()) filter.service = request->service();
    filter.environment = enum_filter(request->environment(), "environment", kEventEnvironment);
    if (request->impact()) filter.impact = true;
    if (!request->start_date().empty()) {
      filter.start_date = checked_date(request->start_date(), "start_date");
    }
    if (!request->end_date().empty()) {
      filter.end_date = checked_date(request->end_date(), "end_date");
    }
    fill_page(actions_.page(filter, paging_of(1000, 1), std::nullopt), *response);
    answer->ok();
  });
}

grpc::ServerUnaryReactor* GrpcEventService::ListEvents(grpc::CallbackServerContext* context,
                                                       const event_pb::ListEventsRequest* request,
                                                       event_pb::ListEventsResponse* response) {
  return door_.call(context, list_, [&](const GrpcCaller&, const auto& answer) {
    fill_page(actions_.page({}, request_paging(*request), std::nullopt), *response);
    answer->ok();
  });
}

grpc::ServerUnaryReactor* GrpcEventService::TodayEvents(grpc::CallbackServerContext* context,
                                                        const event_pb::TodayEventsRequest* request,
                                                        event_pb::TodayEventsResponse* response) {
  return door_.call(context, today_, [&](const GrpcCaller&, const auto& answer) {
    repo::EventFilter filter;
    filter.today = true;
    fill_page(actions_.page(filter, request_paging(*request), std::nullopt), *response);
    answer->ok();
  });
}

}  // namespace switchyard::api::tracker
