#include "incidents/escalation_policy_input.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "domain/email_address.hpp"
#include "incidents/catalog_writes.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api::incidents {
namespace {

const std::vector<std::string_view> kTargetTypes = {"owner_on_call", "team_on_call", "user"};

// Writes one target as stored; its problems are recorded in `errors`.
void read_target(const rapidjson::Value& target, const std::string& prefix, json::Writer& w,
                 EscalationPolicyInput& input, FieldErrors& errors) {
  rapidjson::Document flat = prefixed(target, prefix);
  const auto field = [&](const char* name) { return prefix + name; };
  // A team shown as {"id", "name"} is taken for its id.
  references_as_ids(flat, field("team").c_str());
  const auto type = read_choice(flat, field("type").c_str(), kTargetTypes, true, errors);
  std::vector<std::string_view> known_names;
  const std::string type_field = field("type");
  const std::string team_field = field("team");
  const std::string email_field = field("email");
  known_names.push_back(type_field);
  if (type == "team_on_call") known_names.push_back(team_field);
  if (type == "user") known_names.push_back(email_field);
  if (type) refuse_unknown_fields(flat, known_names, errors);
  w.StartObject();
  json::string_field(w, "type", type.value_or(""));
  if (type == "team_on_call") {
    const auto team = read_uuid(flat, team_field.c_str(), true, errors);
    if (team) input.teams.emplace_back(team_field, *team);
    json::string_field(w, "team", team.value_or(""));
  }
  if (type == "user") {
    auto email = read_text(
        flat, email_field.c_str(),
        {.required = true, .max_length = domain::kMaxEmailLength, .allow_blank = false}, errors);
    if (email && !domain::plausible_email(*email)) {
      errors.add(email_field, "Enter a valid email address.");
    }
    json::string_field(w, "email", email.value_or(""));
  }
  w.EndObject();
}

void read_level(const rapidjson::Value& level, std::size_t index, json::Writer& w,
                EscalationPolicyInput& input, FieldErrors& errors) {
  const std::string prefix = fmt::format("levels.{}.", index);
  const rapidjson::Document flat = prefixed(level, prefix);
  const std::string wait_field = prefix + "wait_seconds";
  const std::string targets_field = prefix + "targets";
  refuse_unknown_fields(flat, {wait_field, targets_field}, errors);
  const auto wait = read_int(flat, wait_field.c_str(), 0, kMaxEscalationWaitSeconds, false, errors);
  w.StartObject();
  w.Key("wait_seconds");
  w.Int64(wait.value_or(0));
  w.Key("targets");
  w.StartArray();
  const auto targets = level.FindMember("targets");
  if (targets == level.MemberEnd() || targets->value.IsNull()) {
    errors.add(targets_field, "This field is required.");
  } else if (!targets->value.IsArray() || targets->value.Empty() ||
             targets->value.Size() > kMaxEscalationTargets) {
    errors.add(targets_field,
               fmt::format("Expected a list of 1 to {} targets.", kMaxEscalationTargets));
  } else {
    for (rapidjson::SizeType i = 0; i < targets->value.Size(); ++i) {
      const auto& target = targets->value[i];
      if (!target.IsObject()) {
        errors.add(fmt::format("{}.{}", targets_field, i), "Expected an object.");
        continue;
      }
      read_target(target, fmt::format("{}.{}.", targets_field, i), w, input, errors);
    }
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

EscalationPolicyInput read_escalation_policy(const rapidjson::Value& body, FieldErrors& errors) {
  EscalationPolicyInput input;
  refuse_unknown(body, {"levels"}, {"service", "created_at", "updated_at"}, errors);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartArray();
  const auto levels = body.FindMember("levels");
  if (levels == body.MemberEnd() || levels->value.IsNull()) {
    errors.add("levels", "This field is required.");
  } else if (!levels->value.IsArray() || levels->value.Empty() ||
             levels->value.Size() > kMaxEscalationLevels) {
    errors.add("levels", fmt::format("Expected a list of 1 to {} levels.", kMaxEscalationLevels));
  } else {
    for (rapidjson::SizeType i = 0; i < levels->value.Size(); ++i) {
      const auto& level = levels->value[i];
      if (!level.IsObject()) {
        errors.add(fmt::format("levels.{}", i), "Expected an object.");
        continue;
      }
      read_level(level, i, w, input, errors);
    }
  }
  w.EndArray();
  input.levels_json.assign(buffer.GetString(), buffer.GetSize());
  return input;
}

}  // namespace switchyard::api::incidents
