// A workflow body checked as a runnable DAG (api/workflows/workflow_definition.hpp):
// the refusals name the step, the start payload carries what the worker writes.
#include "workflows/workflow_definition.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "config/yaml_document.hpp"
#include "envelope/task_id.hpp"
#include "errors/app_error.hpp"

namespace switchyard::api {
namespace {

const config::ServicesConfig& services() {
  static const config::ServicesConfig parsed =
      config::ServicesConfig::parse(config::YamlDocument::load_string(R"(
defaults:
  timeout_ms: 30000
  retry: {max_attempts: 3}
services:
  system:
    actions:
      noop: {}
      slow: {timeout_ms: 90000, retry: {max_attempts: 5}}
  identity:
    internal: true
    actions:
      register: {}
)",
                                                                      "services.yaml"));
  return parsed;
}

constexpr const char* kWorkflow = "01a24498-754f-74c5-b817-b09fe651a396";

rapidjson::Document start_payload(const std::string& body, int max_steps = 500) {
  rapidjson::Document request;
  request.Parse(body.c_str());
  const std::string payload =
      workflow_start_payload(request, kWorkflow, {services(), nullptr, false, max_steps});
  rapidjson::Document parsed;
  parsed.Parse(payload.c_str());
  return parsed;
}

// The field named by the refusal of `body` (422), or a test failure.
std::string refused_field(const std::string& body, int max_steps = 500) {
  try {
    start_payload(body, max_steps);
  } catch (const AppError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnprocessable) << e.what();
    rapidjson::Document details;
    details.Parse(e.details_json().c_str());
    return details[0]["field"].GetString();
  }
  ADD_FAILURE() << "accepted: " << body;
  return "";
}

TEST(WorkflowDefinition, AChainCarriesIdsDefaultsAndDerivedTaskIds) {
  const auto payload = start_payload(R"({"steps":[
      {"id":"fetch","service":"system","action":"slow"},
      {"id":"parse","service":"system","action":"noop","depends_on":["fetch","fetch"],
       "payload":{"url":{"$ref":"steps.fetch.result.url"}},"max_attempts":2}]})");
  EXPECT_STREQ(payload["workflow_id"].GetString(), kWorkflow);
  EXPECT_STREQ(payload["failure_policy"].GetString(), "fail_fast");
  const auto& steps = payload["steps"];
  ASSERT_EQ(steps.Size(), 2u);
  EXPECT_EQ(steps[0]["timeout_ms"].GetInt(), 90000);  // the action's
  EXPECT_EQ(steps[0]["max_attempts"].GetInt(), 5);
  EXPECT_EQ(steps[0]["refs"].Size(), 0u);
  EXPECT_EQ(steps[1]["max_attempts"].GetInt(), 2);  // the step's own
  ASSERT_EQ(steps[1]["refs"].Size(), 1u);           // where it is, what it reads
  EXPECT_STREQ(steps[1]["refs"][0]["at"][0].GetString(), "url");
  EXPECT_STREQ(steps[1]["refs"][0]["from"].GetString(), "steps.fetch.result.url");
  EXPECT_EQ(steps[1]["depends_on"].Size(), 1u);  // named twice, kept once
  EXPECT_EQ(std::string(steps[1]["task_id"].GetString()),
            envelope::workflow_step_task_id(kWorkflow, "parse"));
}

TEST(WorkflowDefinition, OnlyThePlatformsOwnWorkflowsAreQuiet) {
  const std::string body = R"({"steps":[{"id":"a","service":"system","action":"noop"}]})";
  // A caller's workflow announces its statuses (the default of migrations/0033).
  EXPECT_FALSE(start_payload(body).HasMember("publish_events"));
  // Even when its body asks otherwise.
  EXPECT_FALSE(start_payload(R"({"publish_events":false,"steps":[
      {"id":"a","service":"system","action":"noop"}]})")
                   .HasMember("publish_events"));
  rapidjson::Document request;
  request.Parse(body.c_str());
  rapidjson::Document platform;
  platform.Parse(
      workflow_start_payload(request, kWorkflow, {services(), nullptr, false, 500, true}).c_str());
  ASSERT_TRUE(platform.HasMember("publish_events"));
  EXPECT_FALSE(platform["publish_events"].GetBool());
}

TEST(WorkflowDefinition, StepTaskIdsAreStableDistinctAndSortWithTheWorkflow) {
  const std::string a = envelope::workflow_step_task_id(kWorkflow, "a");
  EXPECT_EQ(a, envelope::workflow_step_task_id(kWorkflow, "a"));
  EXPECT_NE(a, envelope::workflow_step_task_id(kWorkflow, "b"));
  EXPECT_TRUE(envelope::is_valid_uuid(a));
  EXPECT_EQ(a.substr(0, 13), std::string(kWorkflow).substr(0, 13));  // the 48-bit timestamp
  EXPECT_EQ(a[14], '8');                                             // version 8
}

TEST(WorkflowDefinition, ACycleIsRefusedNamingAStepOnIt) {
  EXPECT_EQ(refused_field(R"({"steps":[
      {"id":"root","service":"system","action":"noop"},
      {"id":"a","service":"system","action":"noop","depends_on":["root","c"]},
      {"id":"b","service":"system","action":"noop","depends_on":["a"]},
      {"id":"c","service":"system","action":"noop","depends_on":["b"]}]})"),
            "steps.1.depends_on");
  EXPECT_EQ(refused_field(
                R"({"steps":[{"id":"a","service":"system","action":"noop","depends_on":["a"]}]})"),
            "steps.0.depends_on");
}

TEST(WorkflowDefinition, UnknownDependenciesDuplicateIdsAndTooManyStepsAreRefused) {
  EXPECT_EQ(
      refused_field(
          R"({"steps":[{"id":"a","service":"system","action":"noop","depends_on":["nope"]}]})"),
      "steps.0.depends_on");
  EXPECT_EQ(refused_field(R"({"steps":[{"id":"a","service":"system","action":"noop"},
                                       {"id":"a","service":"system","action":"noop"}]})"),
            "steps.1.id");
  EXPECT_EQ(refused_field(R"({"steps":[{"id":"a","service":"system","action":"noop"},
                                       {"id":"b","service":"system","action":"noop"}]})",
                          1),
            "steps");
}

TEST(WorkflowDefinition, UnknownOrInternalServicesAndUnknownActionsAreRefused) {
  EXPECT_EQ(refused_field(R"({"steps":[{"id":"a","service":"nope","action":"noop"}]})"),
            "steps.0.service");
  EXPECT_EQ(refused_field(R"({"steps":[{"id":"a","service":"identity","action":"register"}]})"),
            "steps.0.service");
  EXPECT_EQ(refused_field(R"({"steps":[{"id":"a","service":"system","action":"nope"}]})"),
            "steps.0.action");
}

TEST(WorkflowDefinition, AStepReadsOnlyItsParents) {
  EXPECT_EQ(refused_field(R"({"steps":[
      {"id":"a","service":"system","action":"noop"},
      {"id":"b","service":"system","action":"noop","payload":{"x":[{"$ref":"steps.a.result"}]}}]})"),
            "steps.1.payload");
  EXPECT_EQ(refused_field(R"({"steps":[
      {"id":"a","service":"system","action":"noop","payload":{"x":{"$ref":"failure.error"}}}]})"),
            "steps.0.payload");
  EXPECT_EQ(refused_field(R"({"steps":[
      {"id":"a","service":"system","action":"noop"},
      {"id":"b","service":"system","action":"noop","depends_on":["a"],"payload":{"x":{"$ref":"steps.a.payload"}}}]})"),
            "steps.1.payload");
  // An object with more than the one key is data, not a reference.
  const auto payload = start_payload(R"({"steps":[
      {"id":"a","service":"system","action":"noop","payload":{"x":{"$ref":"anything","y":1}}}]})");
  EXPECT_EQ(payload["steps"][0]["refs"].Size(), 0u);
  // A reference inside an array is found at its index.
  const auto nested = start_payload(R"({"steps":[{"id":"a","service":"system","action":"noop"},
      {"id":"b","service":"system","action":"noop","depends_on":["a"],
       "payload":{"list":[1,{"deep":{"$ref":"steps.a.result"}}]}}]})");
  const auto& at = nested["steps"][1]["refs"][0]["at"];
  ASSERT_EQ(at.Size(), 3u);
  EXPECT_STREQ(at[1].GetString(), "1");
  EXPECT_STREQ(at[2].GetString(), "deep");
  EXPECT_EQ(refused_field(R"({"steps":[{"id":"a","service":"system","action":"noop",
                                        "payload":{"$ref":"workflow.id"}}]})"),
            "steps.0.payload");
}

TEST(WorkflowDefinition, TheOnFailureStepComesLastAndMayReadTheFailureAndAnyStep) {
  const auto payload = start_payload(R"({"failure_policy":"continue","steps":[
      {"id":"a","service":"system","action":"noop"}],
      "on_failure":{"service":"system","action":"noop",
                    "payload":{"why":{"$ref":"failure.error.message"},"a":{"$ref":"steps.a.status"}}}})");
  EXPECT_STREQ(payload["failure_policy"].GetString(), "continue");
  const auto& compensation = payload["steps"][1];
  EXPECT_STREQ(compensation["id"].GetString(), "on_failure");
  EXPECT_TRUE(compensation["compensation"].GetBool());
  EXPECT_EQ(compensation["refs"].Size(), 2u);
  EXPECT_EQ(refused_field(R"({"steps":[{"id":"on_failure","service":"system","action":"noop"}],
                              "on_failure":{"service":"system","action":"noop"}})"),
            "on_failure.id");
}

TEST(WorkflowDefinition, EveryStepKeepsToTheCallersSubmissionPolicy) {
  Principal user;
  user.kind = Principal::Kind::kUser;
  user.name = "user:7";
  rapidjson::Document request;
  request.Parse(R"({"steps":[{"id":"a","service":"system","action":"noop","max_attempts":9}]})");
  try {
    workflow_start_payload(request, kWorkflow, {services(), &user, false, 500});
    FAIL() << "a user went past the action's max_attempts";
  } catch (const AppError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnprocessable);
    EXPECT_NE(e.details_json().find("steps.0.max_attempts"), std::string::npos) << e.details_json();
  }
}

}  // namespace
}  // namespace switchyard::api
