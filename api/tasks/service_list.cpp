#include "tasks/service_list.hpp"

#include "json/json_fields.hpp"

namespace switchyard::api {

void ServiceList::handle(RequestContext& context) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("services");
  w.StartArray();
  for (const auto& [name, service] : services_.services) {
    const auto state = inspector_.inspect(service.queue_name());
    w.StartObject();
    json::string_field(w, "name", name);
    json::string_field(w, "description", service.description);
    json::string_field(w, "queue", service.queue_name());
    json::string_field(w, "queue_type",
                       service.queue_type == config::QueueType::kQuorum ? "quorum" : "classic");
    w.Key("prefetch");
    w.Int(service.prefetch);
    w.Key("actions");
    w.StartArray();
    for (const auto& [action_name, action] : service.actions) {
      w.StartObject();
      json::string_field(w, "name", action_name);
      w.Key("timeout_ms");
      w.Int(action.timeout_ms);
      w.Key("max_attempts");
      w.Int(action.retry.max_attempts);
      w.EndObject();
    }
    w.EndArray();
    w.Key("messages");
    state ? w.Uint(state->messages) : w.Null();
    w.Key("consumers");
    state ? w.Uint(state->consumers) : w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  context.responder.json(Pistache::Http::Code::Ok,
                         std::string_view(buffer.GetString(), buffer.GetSize()));
}

}  // namespace switchyard::api
