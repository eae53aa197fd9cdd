// The body of PUT /api/v1/services/{id}/escalation-policy/ (escalation_policy_input):
// what is stored for a good one, and every problem of a bad one named whole.
#include "incidents/escalation_policy_input.hpp"

#include <gtest/gtest.h>

#include <string>

#include "errors/app_error.hpp"

namespace switchyard::api::incidents {
namespace {

constexpr const char* kTeam = "0190f2a4-0000-7000-8000-000000000001";

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

// The 400's details as text ("" when the body is valid).
std::string problems(const std::string& body, EscalationPolicyInput* input = nullptr) {
  FieldErrors errors;
  const auto read = read_escalation_policy(parse(body), errors);
  if (input != nullptr) *input = read;
  try {
    errors.raise_if_any();
  } catch (const AppError& e) {
    return e.details_json();
  }
  return "";
}

TEST(EscalationPolicyInput, AGoodPolicyIsStoredNormalised) {
  EscalationPolicyInput input;
  EXPECT_EQ(problems(std::string(R"({"levels": [
      {"targets": [{"type": "OWNER_ON_CALL"}]},
      {"wait_seconds": 2, "targets": [{"type": "team_on_call", "team": {"id": ")") +
                         kTeam + R"(", "name": "SRE"}},
                                      {"type": "user", "email": "boss@example.com"}]}],
      "service": {"id": "x"}, "created_at": "ignored"})",
                     &input),
            "");
  EXPECT_EQ(input.levels_json,
            std::string(R"([{"wait_seconds":0,"targets":[{"type":"owner_on_call"}]},)") +
                R"({"wait_seconds":2,"targets":[{"type":"team_on_call","team":")" + kTeam +
                R"("},{"type":"user","email":"boss@example.com"}]}])");
  ASSERT_EQ(input.teams.size(), 1u);
  EXPECT_EQ(input.teams[0].first, "levels.1.targets.0.team");
  EXPECT_EQ(input.teams[0].second, kTeam);
}

TEST(EscalationPolicyInput, LevelsAreRequiredAndBounded) {
  EXPECT_NE(problems("{}").find(R"("field":"levels","message":"This field is required.")"),
            std::string::npos);
  EXPECT_NE(problems(R"({"levels": []})")
                .find(R"("field":"levels","message":"Expected a list of 1 to 10 levels.")"),
            std::string::npos);
  std::string eleven = R"({"levels": [)";
  for (int i = 0; i < 11; ++i)
    eleven += std::string(i ? "," : "") + R"({"targets":[{"type":"owner_on_call"}]})";
  eleven += "]}";
  EXPECT_NE(problems(eleven).find(R"("field":"levels")"), std::string::npos);
  EXPECT_NE(
      problems(R"({"levels": [3]})").find(R"("field":"levels.0","message":"Expected an object.")"),
      std::string::npos);
}

TEST(EscalationPolicyInput, EveryBadFieldIsNamedWhole) {
  const std::string details = problems(R"({"levels": [
      {"wait_seconds": 86401, "targets": [{"type": "pager"}]},
      {"wait_seconds": -1, "targets": []},
      {"wait_seconds": "1", "targets": [{"type": "team_on_call"}, {"type": "user", "email": "nope"},
                                        {"type": "user"}, {"type": "owner_on_call", "team": "x"}]},
      {"targets": [{"type": "team_on_call", "team": "not-a-uuid"}], "delay": 3}],
      "owner": 1})");
  for (const char* field :
       {"\"levels.0.wait_seconds\"", "\"levels.0.targets.0.type\"", "\"levels.1.wait_seconds\"",
        "\"levels.1.targets\"", "\"levels.2.wait_seconds\"", "\"levels.2.targets.0.team\"",
        "\"levels.2.targets.1.email\"", "\"levels.2.targets.2.email\"",
        "\"levels.2.targets.3.team\"", "\"levels.3.targets.0.team\"", "\"levels.3.delay\"",
        "\"owner\""}) {
    EXPECT_NE(details.find(std::string("\"field\":") + field), std::string::npos)
        << field << " in " << details;
  }
}

TEST(EscalationPolicyInput, HostileValuesAreRefusedNotStored) {
  // A NUL in an email, an email past 254 characters, a huge wait.
  EXPECT_NE(problems(R"({"levels":[{"targets":[{"type":"user","email":"a\u0000@b.example"}]}]})")
                .find("levels.0.targets.0.email"),
            std::string::npos);
  EXPECT_NE(problems(R"({"levels":[{"targets":[{"type":"user","email":")" + std::string(250, 'a') +
                     R"(@b.example"}]}]})")
                .find("levels.0.targets.0.email"),
            std::string::npos);
  EXPECT_NE(problems(R"({"levels":[{"wait_seconds":1e300,"targets":[{"type":"owner_on_call"}]}]})")
                .find("levels.0.wait_seconds"),
            std::string::npos);
}

}  // namespace
}  // namespace switchyard::api::incidents
