#include "slack/slack_interactions.hpp"

#include <rapidjson/stringbuffer.h>

#include <algorithm>

#include "domain/slack/create_modal.hpp"
#include "domain/slack/incident_buttons.hpp"
#include "domain/slack/response_url.hpp"
#include "http/request_fields.hpp"
#include "incidents/incident_vocabulary.hpp"
#include "json/json_fields.hpp"
#include "slack/slack_answers.hpp"
#include "slack/slack_commands.hpp"
#include "storage/incidents/incident_repository.hpp"
#include "storage/slack/slack_reads.hpp"

namespace switchyard::api::slack {
namespace {

namespace Http = Pistache::Http;
using domain::slack::SlackDestination;
using namespace domain::slack;  // the modal's block and input ids

const rapidjson::Value& member(const rapidjson::Value& object, const char* name) {
  static const rapidjson::Value kNull;
  if (!object.IsObject()) return kNull;
  const auto it = object.FindMember(name);
  return it == object.MemberEnd() ? kNull : it->value;
}

std::string text(const rapidjson::Value& value) {
  return value.IsString() ? std::string(value.GetString(), value.GetStringLength()) : "";
}

std::string actor_of(const rapidjson::Value& payload) {
  const auto& user = member(payload, "user");
  const std::string name = text(member(user, "username"));
  return slack_actor(name.empty() ? text(member(user, "name")) : name, text(member(user, "id")));
}

// The value of input `action` in block `block` of a submitted view: a text
// input's `value`, a select's `selected_option.value`.
std::string input_value(const rapidjson::Value& view, const char* block, const char* action) {
  const auto& input = member(member(member(member(view, "state"), "values"), block), action);
  const std::string typed = text(member(input, "value"));
  return typed.empty() ? text(member(member(input, "selected_option"), "value")) : typed;
}

void trim(std::string& text) {
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
}

}  // namespace

void SlackInteractions::interact(RequestContext& context) {
  verifier_.verify(context);
  const auto fields = parse_form(context.request.body());
  const auto it = fields.find("payload");
  if (it == fields.end()) {
    throw AppError(ErrorCode::kValidation, "Validation failed",
                   R"({"payload":["This field is required."]})");
  }
  const rapidjson::Document payload = parse_json_body(it->second, context.json_limits);
  if (!payload.IsObject()) {
    throw AppError(ErrorCode::kValidation, "Validation failed",
                   R"({"payload":["Expected a JSON object."]})");
  }
  const std::string type = text(member(payload, "type"));
  if (type == "block_actions") return button(context, payload);
  if (type == "view_submission") return submission(context, payload);
  context.responder.send(Http::Code::Ok, "", "text/plain");
}

void SlackInteractions::button(RequestContext& context, const rapidjson::Value& payload) {
  const auto& actions = member(payload, "actions");
  const rapidjson::Value& action =
      actions.IsArray() && !actions.Empty() ? actions[0] : member(payload, "action");
  const std::string action_id = text(member(action, "action_id"));
  const bool acknowledge = action_id == domain::slack::kAcknowledgeAction;
  if (!acknowledge && action_id != domain::slack::kResolveAction) {
    return context.responder.send(Http::Code::Ok, "", "text/plain");
  }
  const std::string response_url = text(member(payload, "response_url"));
  if (!domain::slack::allowed_response_url(response_url, response_hosts_)) {
    throw AppError(ErrorCode::kValidation, "Validation failed",
                   R"({"response_url":["Not a Slack response URL this server posts to."]})");
  }
  const std::string key = text(member(action, "value"));
  const auto id =
      key.empty() || key.size() > 64 ? std::nullopt : pool_.read([&](pqxx::read_transaction& tx) {
        return storage::incidents::find_incident_id(tx, key);
      });
  if (!id) return answer_ephemeral(context.responder, "This incident no longer exists.");
  const auto to = SlackDestination::to_response_url(response_url);
  const std::string actor = actor_of(payload);
  if (acknowledge) {
    follow_ups_.acknowledge(*id, key, actor, to);
  } else {
    follow_ups_.resolve(*id, key, actor, to);
  }
  context.responder.send(Http::Code::Ok, "", "text/plain");
}

void SlackInteractions::submission(RequestContext& context, const rapidjson::Value& payload) {
  const auto& view = member(payload, "view");
  if (text(member(view, "callback_id")) != domain::slack::kCreateModalCallback) {
    return context.responder.send(Http::Code::Ok, "", "text/plain");
  }
  std::string title = input_value(view, kTitleBlock, kTitleInput);
  trim(title);
  std::string severity = severity_named(input_value(view, kSeverityBlock, kSeverityInput));
  const std::string service_key = input_value(view, kServiceBlock, kServiceInput);

  std::vector<std::pair<const char*, std::string>> errors;
  const std::size_t length =
      static_cast<std::size_t>(std::count_if(title.begin(), title.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }));
  if (title.empty() || length > 200 || !is_utf8_text(title)) {
    errors.emplace_back(kTitleBlock, "A title of 1 to 200 characters.");
  }
  const auto service = service_key.empty() || service_key.size() > 200
                           ? std::nullopt
                           : pool_.read([&](pqxx::read_transaction& tx) {
                               return storage::slack::find_service(tx, service_key);
                             });
  if (!service) errors.emplace_back(kServiceBlock, "Choose a service that exists.");
  if (!errors.empty()) {
    rapidjson::StringBuffer buffer;
    json::Writer w(buffer);
    w.StartObject();
    json::string_field(w, "response_action", "errors");
    w.Key("errors");
    w.StartObject();
    for (const auto& [block, message] : errors) json::string_field(w, block, message);
    w.EndObject();
    w.EndObject();
    return context.responder.json(Http::Code::Ok, {buffer.GetString(), buffer.GetSize()});
  }
  if (severity.empty()) severity = std::string(incidents::kDefaultSeverity);
  const std::string user_id = text(member(member(payload, "user"), "id"));
  follow_ups_.create({title, severity, service->id}, actor_of(payload),
                     SlackDestination::to_channel(user_id));
  context.responder.send(Http::Code::Ok, "", "text/plain");
}

}  // namespace switchyard::api::slack
