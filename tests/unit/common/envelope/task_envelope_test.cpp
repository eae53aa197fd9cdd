// The task envelope (common/envelope/task_envelope.hpp) and the outcome records and
// replies built from it (common/envelope/task_outcome.hpp).
#include "envelope/task_envelope.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "envelope/task_id.hpp"
#include "envelope/task_outcome.hpp"

namespace switchyard::envelope {
namespace {

TaskEnvelope sample_task() {
  TaskEnvelope task;
  task.id = "01890a5d-ac96-774b-bcce-b302099a8057";
  task.service = "system";
  task.action = "noop";
  task.payload_json = R"({"hello":"world","n":[1,2,{"deep":true}]})";
  task.submitted_at = "2024-01-15T10:30:00.123Z";
  task.submitted_by = "dev-admin";
  task.attempt = 2;
  task.max_attempts = 5;
  task.timeout_ms = 1500;
  task.priority = 7;
  task.idempotency_key = "order-42";
  task.callback_url = "https://example.com/hook";
  return task;
}

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

TEST(TaskEnvelope, RoundTripsEveryFieldThroughJson) {
  const TaskEnvelope task = sample_task();
  const TaskEnvelope back = parse_task_envelope(to_json(task));
  EXPECT_EQ(back.id, task.id);
  EXPECT_EQ(back.service, task.service);
  EXPECT_EQ(back.action, task.action);
  EXPECT_EQ(back.payload_json, task.payload_json);
  EXPECT_EQ(back.submitted_at, task.submitted_at);
  EXPECT_EQ(back.submitted_by, task.submitted_by);
  EXPECT_EQ(back.attempt, 2);
  EXPECT_EQ(back.max_attempts, 5);
  EXPECT_EQ(back.timeout_ms, 1500);
  EXPECT_EQ(back.priority, 7);
  EXPECT_EQ(back.idempotency_key, task.idempotency_key);
  EXPECT_EQ(back.callback_url, task.callback_url);
  EXPECT_EQ(back.routing_key(), "system.noop");
}

TEST(TaskEnvelope, CarriesItsTraceparentOnlyWhenItHasOne) {
  TaskEnvelope task = sample_task();
  EXPECT_FALSE(parse_json(to_json(task)).HasMember("traceparent"));
  EXPECT_FALSE(parse_task_envelope(to_json(task)).traceparent);
  task.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  EXPECT_EQ(parse_task_envelope(to_json(task)).traceparent, task.traceparent);
}

TEST(TaskEnvelope, DropsAMalformedTraceparentAndStillReadsTheTask) {
  for (const char* traceparent : {R"("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")",
                                  R"("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")",
                                  R"("")", "42", "null", R"({"trace":"id"})"}) {
    const TaskEnvelope task = parse_task_envelope(
        std::string(R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"system",)") +
        R"("action":"noop","traceparent":)" + traceparent + "}");
    EXPECT_FALSE(task.traceparent) << traceparent;
    EXPECT_EQ(task.routing_key(), "system.noop");
  }
}

TEST(TaskEnvelope, WritesThePayloadAsJsonNotAsAString) {
  const auto doc = parse_json(to_json(sample_task()));
  ASSERT_TRUE(doc.IsObject());
  ASSERT_TRUE(doc.HasMember("payload"));
  ASSERT_TRUE(doc["payload"].IsObject());
  EXPECT_STREQ(doc["payload"]["hello"].GetString(), "world");
  EXPECT_TRUE(doc["payload"]["n"][2]["deep"].GetBool());
}

TEST(TaskEnvelope, WritesAbsentOptionalFieldsAsNullAndReadsThemBackAsAbsent) {
  TaskEnvelope task = sample_task();
  task.idempotency_key.reset();
  task.callback_url.reset();
  const std::string json = to_json(task);
  const auto doc = parse_json(json);
  EXPECT_TRUE(doc["idempotency_key"].IsNull());
  EXPECT_TRUE(doc["callback_url"].IsNull());
  const TaskEnvelope back = parse_task_envelope(json);
  EXPECT_FALSE(back.idempotency_key.has_value());
  EXPECT_FALSE(back.callback_url.has_value());
}

TEST(TaskEnvelope, FillsDefaultsForOmittedOptionalFields) {
  const TaskEnvelope task = parse_task_envelope(
      R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"system","action":"noop"})");
  EXPECT_EQ(task.payload_json, "{}");
  EXPECT_EQ(task.attempt, 1);
  EXPECT_EQ(task.max_attempts, 1);
  EXPECT_EQ(task.timeout_ms, 30000);
  EXPECT_EQ(task.priority, 0);
  EXPECT_EQ(task.submitted_by, "");
}

TEST(TaskEnvelope, RejectsARawNulAndNestingPastItsLimitBeforeParsing) {
  const std::string good =
      R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"s","action":"a"})";
  EXPECT_NO_THROW(parse_task_envelope(good));
  EXPECT_THROW(parse_task_envelope(good + std::string("\0x", 2)), EnvelopeError);
  std::string deep = R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"s","action":"a",)"
                     R"("payload":)";
  for (int i = 0; i < 200000; ++i) deep += "[";
  EXPECT_THROW(parse_task_envelope(deep), EnvelopeError);  // no stack overflow
}

TEST(TaskEnvelope, RejectsABodyThatIsNotAJsonObject) {
  EXPECT_THROW(parse_task_envelope(""), EnvelopeError);
  EXPECT_THROW(parse_task_envelope("{not json"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope("[1,2,3]"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope("\"a string\""), EnvelopeError);
}

TEST(TaskEnvelope, RejectsMissingRequiredFields) {
  EXPECT_THROW(parse_task_envelope(R"({"service":"system","action":"noop"})"), EnvelopeError);
  EXPECT_THROW(
      parse_task_envelope(R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","action":"noop"})"),
      EnvelopeError);
  EXPECT_THROW(
      parse_task_envelope(R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"system"})"),
      EnvelopeError);
}

TEST(TaskEnvelope, RejectsEmptyServiceOrAction) {
  EXPECT_THROW(parse_task_envelope(
                   R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"","action":"noop"})"),
               EnvelopeError);
  EXPECT_THROW(
      parse_task_envelope(
          R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"system","action":""})"),
      EnvelopeError);
}

TEST(TaskEnvelope, RejectsIllTypedFields) {
  const std::string head = R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"system",)";
  EXPECT_THROW(parse_task_envelope(head + R"("action":42})"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope(head + R"("action":"noop","attempt":"2"})"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope(head + R"("action":"noop","max_attempts":1.5})"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope(head + R"("action":"noop","timeout_ms":true})"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope(head + R"("action":"noop","priority":[1]})"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope(head + R"("action":"noop","submitted_by":7})"), EnvelopeError);
  EXPECT_THROW(parse_task_envelope(head + R"("action":"noop","idempotency_key":{}})"),
               EnvelopeError);
  EXPECT_THROW(parse_task_envelope(R"({"id":12345,"service":"system","action":"noop"})"),
               EnvelopeError);
}

TEST(TaskEnvelope, RejectsAnIdThatIsNotAUuid) {
  EXPECT_THROW(parse_task_envelope(R"({"id":"task-1","service":"system","action":"noop"})"),
               EnvelopeError);
  EXPECT_THROW(
      parse_task_envelope(
          R"({"id":"01890a5d-ac96-774b-bcce-b302099a805","service":"system","action":"noop"})"),
      EnvelopeError);
}

TaskOutcome sample_outcome() {
  TaskOutcome outcome;
  outcome.task = sample_task();
  outcome.status = domain::TaskStatus::kSucceeded;
  outcome.result_json = R"({"answer":42})";
  outcome.started_at = "2024-01-15T10:30:01.000Z";
  outcome.finished_at = "2024-01-15T10:30:02.500Z";
  return outcome;
}

TEST(TaskOutcome, AppendsRecordsIntoAValidJsonArray) {
  std::string out = "[";
  TaskOutcome first = sample_outcome();
  TaskOutcome second = sample_outcome();
  second.task.id = new_task_id();
  second.status = domain::TaskStatus::kFailed;
  second.result_json.clear();
  second.error_json = error_json("ValueError", "bad \"input\"");
  append_outcome_record(out, first);
  append_outcome_record(out, second);
  out.push_back(']');

  const auto doc = parse_json(out);
  ASSERT_TRUE(doc.IsArray());
  ASSERT_EQ(doc.Size(), 2u);
  EXPECT_STREQ(doc[0]["id"].GetString(), first.task.id.c_str());
  EXPECT_STREQ(doc[0]["status"].GetString(), "succeeded");
  EXPECT_EQ(doc[0]["attempt"].GetInt(), 2);
  EXPECT_EQ(doc[0]["result"]["answer"].GetInt(), 42);
  EXPECT_TRUE(doc[0]["error"].IsNull());
  EXPECT_STREQ(doc[0]["payload"]["hello"].GetString(), "world");
  EXPECT_STREQ(doc[1]["id"].GetString(), second.task.id.c_str());
  EXPECT_STREQ(doc[1]["status"].GetString(), "failed");
  EXPECT_TRUE(doc[1]["result"].IsNull());
  EXPECT_STREQ(doc[1]["error"]["type"].GetString(), "ValueError");
  EXPECT_STREQ(doc[1]["error"]["message"].GetString(), "bad \"input\"");
}

TEST(TaskOutcome, AppendsASingleRecordWithoutALeadingComma) {
  std::string out = "[";
  append_outcome_record(out, sample_outcome());
  out.push_back(']');
  const auto doc = parse_json(out);
  ASSERT_TRUE(doc.IsArray());
  EXPECT_EQ(doc.Size(), 1u);
}

TEST(TaskOutcome, ReplyCarriesTheTaskAsTheApiShowsIt) {
  const TaskOutcome outcome = sample_outcome();
  const auto doc = parse_json(to_reply_json(outcome));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["id"].GetString(), outcome.task.id.c_str());
  EXPECT_STREQ(doc["service"].GetString(), "system");
  EXPECT_STREQ(doc["action"].GetString(), "noop");
  EXPECT_STREQ(doc["status"].GetString(), "succeeded");
  EXPECT_EQ(doc["attempts"].GetInt(), 2);
  EXPECT_EQ(doc["max_attempts"].GetInt(), 5);
  EXPECT_EQ(doc["priority"].GetInt(), 7);
  EXPECT_EQ(doc["timeout_ms"].GetInt(), 1500);
  EXPECT_EQ(doc["result"]["answer"].GetInt(), 42);
  EXPECT_TRUE(doc["error"].IsNull());
  EXPECT_STREQ(doc["payload"]["hello"].GetString(), "world");
  EXPECT_STREQ(doc["idempotency_key"].GetString(), "order-42");
  EXPECT_STREQ(doc["callback_url"].GetString(), "https://example.com/hook");
  EXPECT_STREQ(doc["submitted_by"].GetString(), "dev-admin");
  EXPECT_STREQ(doc["submitted_at"].GetString(), "2024-01-15T10:30:00.123Z");
  EXPECT_STREQ(doc["started_at"].GetString(), "2024-01-15T10:30:01.000Z");
  EXPECT_STREQ(doc["finished_at"].GetString(), "2024-01-15T10:30:02.500Z");
  const std::string self = "/api/v1/tasks/" + outcome.task.id;
  EXPECT_EQ(std::string(doc["links"]["self"].GetString()), self);
  EXPECT_EQ(std::string(doc["links"]["cancel"].GetString()), self + "/cancel");
  EXPECT_TRUE(doc["trace_id"].IsNull());
}

TEST(TaskOutcome, RecordAndReplyCarryTheTrace) {
  TaskOutcome outcome = sample_outcome();
  outcome.task.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  std::string out = "[";
  append_outcome_record(out, outcome);
  out.push_back(']');
  EXPECT_EQ(std::string(parse_json(out)[0]["traceparent"].GetString()), *outcome.task.traceparent);
  EXPECT_STREQ(parse_json(to_reply_json(outcome))["trace_id"].GetString(),
               "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST(TaskOutcome, ErrorJsonEscapesItsText) {
  const auto doc = parse_json(error_json("Timeout", "line 1\nline \"2\" \\ end"));
  EXPECT_STREQ(doc["type"].GetString(), "Timeout");
  EXPECT_STREQ(doc["message"].GetString(), "line 1\nline \"2\" \\ end");
}

}  // namespace
}  // namespace switchyard::envelope
