#include "slack/slack_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "domain/slack/incident_buttons.hpp"
#include "domain/slack/response_url.hpp"
#include "domain/slack/slack_kinds.hpp"
#include "http/request_fields.hpp"
#include "incidents/incident_vocabulary.hpp"
#include "json/json_fields.hpp"
#include "slack/slack_answers.hpp"
#include "storage/incidents/incident_repository.hpp"
#include "storage/slack/slack_reads.hpp"

namespace switchyard::api::slack {
namespace {

using domain::slack::slack_escape;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string field(const std::map<std::string, std::string>& fields, const char* name) {
  const auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

// Incident titles are at most 200 characters (code points).
std::size_t utf8_length(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// At most 100 bytes of `text`, cut at a character's start: what an answer
// quotes back of what the user typed.
std::string shortened(std::string text) {
  if (text.size() <= 100) return text;
  std::size_t end = 100;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "…";
}

}  // namespace

std::string severity_named(const std::string& word) {
  const std::string lower = lowercase(word);
  for (const auto severity : incidents::kSeverities) {
    const std::string full = lowercase(std::string(severity));
    if (lower == full || lower == full.substr(0, 4)) return std::string(severity);
  }
  return {};
}

struct SlackCommands::Command {
  std::vector<std::string> words;  // the text, split on white space
  std::string actor;
  std::string user_id;
  std::string response_url;
  std::string trigger_id;
};

void SlackCommands::command(RequestContext& context) {
  verifier_.verify(context);
  const auto fields = parse_form(context.request.body());
  Command command;
  std::istringstream text(field(fields, "text"));
  for (std::string word; text >> word;) command.words.push_back(word);
  command.actor = slack_actor(field(fields, "user_name"), field(fields, "user_id"));
  command.user_id = field(fields, "user_id");
  command.response_url = field(fields, "response_url");
  command.trigger_id = field(fields, "trigger_id");
  if (!command.response_url.empty() &&
      !domain::slack::allowed_response_url(command.response_url, response_hosts_)) {
    throw AppError(ErrorCode::kValidation, "Validation failed",
                   R"({"response_url":["Not a Slack response URL this server posts to."]})");
  }

  const auto& words = command.words;
  const std::string verb =
      words.size() >= 2 && lowercase(words[0]) == "incident" ? lowercase(words[1]) : std::string();
  if (verb == "list" && words.size() == 2) return list(context, command);
  if (verb == "create") return create(context, command);
  if ((verb == "ack" || verb == "acknowledge") && words.size() == 3) {
    return move(context, command, false);
  }
  if (verb == "resolve" && words.size() == 3) return move(context, command, true);
  const bool asked_for_help = words.empty() || (words.size() == 1 && lowercase(words[0]) == "help");
  answer_ephemeral(context.responder, asked_for_help
                                          ? usage_text()
                                          : "Unknown command `" +
                                                slack_escape(shortened(field(fields, "text"))) +
                                                "`.\n" + usage_text());
}

void SlackCommands::list(RequestContext& context, const Command& command) {
  if (command.response_url.empty()) {
    throw AppError(ErrorCode::kValidation, "Validation failed",
                   R"({"response_url":["This field is required."]})");
  }
  auto responder = context.answer_later();
  follow_ups_.publish(
      kinds::slack::kListIncidents,
      fmt::format(R"({{"to":{}}})",
                  domain::slack::SlackDestination::to_response_url(command.response_url).json()),
      command.actor, std::nullopt, [responder](bool taken) {
        answer_ephemeral(*responder, taken
                                         ? "Listing the open incidents…"
                                         : "Switchyard cannot take commands right now; try again.");
      });
}

void SlackCommands::create(RequestContext& context, const Command& command) {
  std::vector<std::string> words(command.words.begin() + 2, command.words.end());
  if (words.empty()) {
    if (command.trigger_id.empty()) return answer_ephemeral(context.responder, usage_text());
    auto responder = context.answer_later();
    follow_ups_.publish(
        kinds::slack::kOpenCreateModal, json::string_object({{"trigger_id", command.trigger_id}}),
        command.actor, std::nullopt, [responder](bool taken) {
          // Slack shows the modal itself; an empty 200 adds no message.
          if (taken) return responder->send(Pistache::Http::Code::Ok, "", "text/plain");
          answer_ephemeral(*responder, "Switchyard cannot open the form right now; try again.");
        });
    return;
  }
  const auto service = pool_.read(
      [&](pqxx::read_transaction& tx) { return storage::slack::find_service(tx, words.back()); });
  if (!service) {
    return answer_ephemeral(context.responder,
                            fmt::format("No service named `{}`: name the service last.\n{}",
                                        slack_escape(shortened(words.back())), usage_text()));
  }
  words.pop_back();
  std::string severity = words.empty() ? std::string() : severity_named(words.back());
  if (!severity.empty()) words.pop_back();
  std::string title;
  for (const auto& word : words) title += (title.empty() ? "" : " ") + word;
  if (title.empty() || utf8_length(title) > 200) {
    return answer_ephemeral(context.responder,
                            "The title must be 1 to 200 characters.\n" + usage_text());
  }
  if (command.response_url.empty()) {
    throw AppError(ErrorCode::kValidation, "Validation failed",
                   R"({"response_url":["This field is required."]})");
  }
  if (severity.empty()) severity = std::string(incidents::kDefaultSeverity);
  follow_ups_.create({title, severity, service->id}, command.actor,
                     domain::slack::SlackDestination::to_response_url(command.response_url));
  answer_ephemeral(context.responder,
                   fmt::format("Creating *{}* ({}, service {})…", slack_escape(title), severity,
                               slack_escape(service->name)));
}

void SlackCommands::move(RequestContext& context, const Command& command, bool resolve) {
  const std::string& key = command.words[2];
  const auto id = pool_.read(
      [&](pqxx::read_transaction& tx) { return storage::incidents::find_incident_id(tx, key); });
  if (!id) {
    return answer_ephemeral(context.responder,
                            "No incident `" + slack_escape(shortened(key)) + "`.");
  }
  if (command.response_url.empty()) {
    throw AppError(ErrorCode::kValidation, "Validation failed",
                   R"({"response_url":["This field is required."]})");
  }
  const auto to = domain::slack::SlackDestination::to_response_url(command.response_url);
  if (resolve) {
    follow_ups_.resolve(*id, key, command.actor, to);
  } else {
    follow_ups_.acknowledge(*id, key, command.actor, to);
  }
  answer_ephemeral(context.responder, fmt::format("{} {}…", resolve ? "Resolving" : "Acknowledging",
                                                  slack_escape(key)));
}

}  // namespace switchyard::api::slack
