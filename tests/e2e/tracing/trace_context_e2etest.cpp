// A trace followed end to end (docs/observability.md, "Traces and logs"): the
// stack runs with LOG_FORMAT=json (and debug lines, where a task's submission and
// run are logged); a request's `traceparent` is echoed with the API's span, its
// trace id appears in the API's and the worker's log lines for the task, on GET
// /api/v1/tasks/{id}, and — through an incident's orchestration workflow — in the
// `traceparent` of the worker's outbound HTTP calls (a recording server plays the
// document service and the notifier). A request without one, or with a malformed
// one, gets a new trace.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>
#include <string>
#include <vector>

#include "json/json_fields.hpp"
#include "orchestration_stack.hpp"
#include "recording_server.hpp"
#include "task_api_client.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr const char* kTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

std::string text(const rapidjson::Value& value) {
  return value.IsString() ? std::string(value.GetString(), value.GetStringLength()) : "";
}

// The trace id of a traceparent header ("" when it has not the version-00 shape).
std::string trace_id_of(const std::string& traceparent) {
  return traceparent.size() == 55 && traceparent.rfind("00-", 0) == 0 ? traceparent.substr(3, 32)
                                                                      : "";
}

struct LogLine {
  std::string process, level, msg, task_id, trace_id;
};

// The JSON lines of a process's log; a line that is not a JSON object fails the test.
std::vector<LogLine> json_lines(const std::string& log) {
  std::vector<LogLine> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    EXPECT_TRUE(!doc.HasParseError() && doc.IsObject()) << "not a JSON log line: " << line;
    if (doc.HasParseError() || !doc.IsObject()) continue;
    EXPECT_TRUE(doc.HasMember("ts") && doc.HasMember("level") && doc.HasMember("msg")) << line;
    LogLine parsed{text(doc["process"]), text(doc["level"]), text(doc["msg"]), {}, {}};
    if (doc.HasMember("task_id")) parsed.task_id = text(doc["task_id"]);
    if (doc.HasMember("trace_id")) parsed.trace_id = text(doc["trace_id"]);
    lines.push_back(std::move(parsed));
  }
  return lines;
}

bool logged(ChildProcess& process, const std::string& name, const std::string& task_id,
            const std::string& trace_id) {
  for (const auto& line : json_lines(process.log())) {
    if (line.process == name && line.task_id == task_id && line.trace_id == trace_id) return true;
  }
  return false;
}

class TraceContextE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new RecordingServer("trace_context_e2e");
    stack_ =
        new OrchestrationStack("trace_context_e2e", {{"LOG_FORMAT", "json"},
                                                     {"LOG_LEVEL", "debug"},
                                                     {"INCIDENT_DOCS_URL", server_->docs_url()},
                                                     {"ONCALL_NOTIFY_URL", server_->notify_url()}});
    api_ = new TaskApiClient(stack_->stack().base_url());
  }
  static void TearDownTestSuite() {
    delete api_;
    delete stack_;
    delete server_;
  }

  // Submits system.noop with `headers`; the answer.
  HttpResponse submit(const std::map<std::string, std::string>& headers) {
    return api_->submit(R"({"service":"system","action":"noop","payload":{}})", headers);
  }
  std::string shown_trace_id(const std::string& task_id) {
    return text(parse_json(api_->get("/api/v1/tasks/" + task_id).body)["trace_id"]);
  }

  static RecordingServer* server_;
  static OrchestrationStack* stack_;
  static TaskApiClient* api_;
};

RecordingServer* TraceContextE2E::server_ = nullptr;
OrchestrationStack* TraceContextE2E::stack_ = nullptr;
TaskApiClient* TraceContextE2E::api_ = nullptr;

TEST_F(TraceContextE2E, ARequestsTraceIdFollowsItsTaskFromTheApiLogToTheWorkerLog) {
  const auto response = submit({{"traceparent", kTraceparent}});
  ASSERT_EQ(response.status, 202) << response.body;
  const std::string echoed = response.header("traceparent");
  EXPECT_EQ(trace_id_of(echoed), kTraceId) << echoed;
  EXPECT_NE(echoed, kTraceparent) << "the API's span has an id of its own";
  const std::string id = parse_json(response.body)["id"].GetString();
  ASSERT_TRUE(api_->reaches(id, "succeeded"));

  EXPECT_EQ(shown_trace_id(id), kTraceId);
  EXPECT_TRUE(eventually([&] { return logged(stack_->stack().api(), "api", id, kTraceId); }, 10s))
      << stack_->stack().api().log();
  auto& worker = *stack_->stack().workers().front();
  EXPECT_TRUE(eventually([&] { return logged(worker, "worker", id, kTraceId); }, 10s))
      << worker.log();
  json_lines(stack_->stack().listener().log());  // every line of every process is JSON
}

TEST_F(TraceContextE2E, ARequestWithoutTraceparentGetsANewTraceEchoedAndStored) {
  const auto response = submit({});
  ASSERT_EQ(response.status, 202) << response.body;
  const std::string trace_id = trace_id_of(response.header("traceparent"));
  ASSERT_EQ(trace_id.size(), 32u) << response.header("traceparent");
  const std::string id = parse_json(response.body)["id"].GetString();
  ASSERT_TRUE(api_->reaches(id, "succeeded"));
  EXPECT_EQ(shown_trace_id(id), trace_id);
  auto& worker = *stack_->stack().workers().front();
  EXPECT_TRUE(eventually([&] { return logged(worker, "worker", id, trace_id); }, 10s));
}

TEST_F(TraceContextE2E, AMalformedTraceparentIsIgnoredForANewTrace) {
  const std::vector<std::string> malformed{
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01", std::string(10000, 'a')};
  for (const std::string& bad : malformed) {
    const auto response = submit({{"traceparent", bad}});
    ASSERT_EQ(response.status, 202) << response.body;
    const std::string trace_id = trace_id_of(response.header("traceparent"));
    EXPECT_EQ(trace_id.size(), 32u);
    EXPECT_NE(trace_id, kTraceId);
    EXPECT_NE(trace_id, std::string(32, '0'));
    const std::string id = parse_json(response.body)["id"].GetString();
    ASSERT_TRUE(api_->reaches(id, "succeeded"));
    EXPECT_EQ(shown_trace_id(id), trace_id);
  }
}

TEST_F(TraceContextE2E, AnIncidentsOrchestrationStepsCallOutWithTheRequestsTraceId) {
  const std::string alice = stack_->user("alice");
  const std::string body = R"({"title":"Traced outage","service":")" + stack_->service(alice) +
                           R"(","severity":"SEV1_CRITICAL","description":"It broke."})";
  auto headers = admin_headers();
  headers["traceparent"] = kTraceparent;
  HttpClient http(stack_->stack().base_url());
  const auto response = http.request("POST", "/api/v1/incidents/", body, headers);
  ASSERT_EQ(response.status, 201) << response.body;
  EXPECT_EQ(trace_id_of(response.header("traceparent")), kTraceId);
  const std::string id = parse_json(response.body)["id"].GetString();
  ASSERT_TRUE(stack_->workflow_reaches(id, "succeeded"));

  for (const std::string path : {"/docs", "/notify"}) {
    const auto calls = server_->calls_to(path);
    ASSERT_FALSE(calls.empty()) << path;
    for (const auto& call : calls) {
      EXPECT_EQ(trace_id_of(call.header("traceparent")), kTraceId)
          << path << ": " << call.header("traceparent");
    }
  }
  // The steps' tasks keep the trace too.
  const auto document = stack_->step(id, "document");
  ASSERT_TRUE(document.IsObject() && document.HasMember("task_id"));
  EXPECT_EQ(text(stack_->task(text(document["task_id"]))["trace_id"]), kTraceId);
}

}  // namespace
}  // namespace switchyard::testing
