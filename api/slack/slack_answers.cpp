#include "slack/slack_answers.hpp"

#include <cctype>

#include "json/json_fields.hpp"

namespace switchyard::api::slack {

std::string ephemeral(std::string_view text) {
  return json::string_object({{"response_type", "ephemeral"}, {"text", text}});
}

void answer_ephemeral(Responder& responder, std::string_view text) {
  responder.json(Pistache::Http::Code::Ok, ephemeral(text));
}

std::string usage_text() {
  return "Usage:\n"
         "• `/imas incident list`: the open incidents\n"
         "• `/imas incident create <title> [severity] <service>`: a new incident "
         "(severity SEV1 to SEV4, default SEV3; the service by its name, one word, or its id); "
         "`/imas incident create` alone opens a form\n"
         "• `/imas incident ack <id>`: acknowledge (INC-XXXXXX or the incident's UUID)\n"
         "• `/imas incident resolve <id>`: resolve\n"
         "• `/imas help`: this text";
}

std::string slack_actor(std::string_view user_name, std::string_view user_id) {
  std::string name;
  for (const char c : user_name.empty() ? user_id : user_name) {
    if (name.size() == 80) break;
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-') {
      name += c;
    }
  }
  return "slack:" + (name.empty() ? std::string("unknown") : name);
}

}  // namespace switchyard::api::slack
