// Hostile input on every surface that reads a body (issue 14): NUL in text, lone
// surrogates, bytes that are not UTF-8, nesting far past JSON_MAX_DEPTH, numbers
// RapidJSON would change, form bodies with %00; and header fields past
// MAX_HEADER_BYTES / MAX_HEADER_COUNT. Each gets a prompt 4xx in its surface's
// error format (xcore, IMAS, grpc-gateway) naming the field, nothing is accepted,
// and the api process is alive afterwards.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "task_api_client.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using namespace std::string_literals;
using Headers = std::map<std::string, std::string>;

// Sign-in routes are limited to 5 calls a minute by default; this suite makes many.
constexpr const char* kClientsYaml = R"(
api_keys:
  - name: dev-admin
    sha256: df76ff796f70d2c9cb055ea6280553caa27eda26b70e01082c160de75a05a4a9
    role: admin
    rate_limit: unlimited
rate_limits:
  auth: {requests: 100000, period_seconds: 60}
  unauthenticated: {requests: 100000, period_seconds: 3600}
)";

enum class Style { kXcore, kImas, kGrpc };

// A route that reads a body, with a template whose $V is replaced by the hostile
// value, and the field that value lands in.
struct Surface {
  const char* name;
  const char* method;
  const char* path;
  const char* body;
  const char* field;
  Style style;
  bool admin;
};

const Surface kSurfaces[] = {
    {"task", "POST", "/api/v1/tasks",
     R"({"service":"system","action":"noop","payload":{"note":$V}})", "payload.note", Style::kXcore,
     true},
    {"tracker event", "POST", "/api/v1alpha1/event",
     R"({"title":$V,"attributes":{"type":"deployment","service":"svc"}})", "title", Style::kGrpc,
     true},
    {"tracker event update", "PUT", "/api/v1alpha1/event",
     R"({"id":"00000000-0000-4000-8000-000000000000","attributes":{"message":$V}})",
     "attributes.message", Style::kGrpc, true},
    {"tracker catalog", "PUT", "/api/v1alpha1/catalog",
     R"({"name":"svc","type":"service","description":$V})", "description", Style::kGrpc, true},
    {"tracker lock", "POST", "/api/v1alpha1/lock", R"({"service":"svc","who":$V})", "who",
     Style::kGrpc, true},
    {"login", "POST", "/auth/login", R"({"username":$V,"password":"x"})", "username", Style::kXcore,
     false},
    {"register", "POST", "/auth/register",
     R"({"email":"hostile@example.com","password":"SecurePassword123!","full_name":$V})",
     "full_name", Style::kXcore, false},
    {"admin roles", "POST", "/admin/roles", R"({"name":$V,"permissions":[]})", "name",
     Style::kXcore, true},
    {"release", "PUT", "/api/collect/ns/deployment/web/app", R"({"image_tag":$V,"image_sha":"s"})",
     "image_tag", Style::kXcore, true},
    {"release ping", "POST", "/api/ping", R"({"client_name":$V,"env_name":"prod"})", "client_name",
     Style::kXcore, true},
    {"IMAS token", "POST", "/api/auth/token/", R"({"username":$V,"password":"x"})", "username",
     Style::kImas, false},
};

// A hostile value for a field, and what the refusal must say about it.
struct Hostile {
  const char* name;
  std::string value;
  const char* says;
  bool exact_field;  // the field is named exactly (deep nesting names a path below it)
};

std::string nested_objects(std::size_t levels) {
  std::string text;
  for (std::size_t i = 0; i < levels; ++i) text += R"({"a":)";
  return text + "1" + std::string(levels, '}');
}

const std::vector<Hostile>& hostile_values() {
  static const std::vector<Hostile> values = {
      {"NUL escape", R"("a\u0000b")", "U+0000", true},
      {"raw NUL", "\"a\0b\""s, "U+0000", true},
      {"lone low surrogate", R"("x\udc00")", "surrogate", true},
      {"lone high surrogate", R"("x\ud800")", "surrogate", true},
      {"not UTF-8", "\"\xFF\xFE\"", "UTF-8", true},
      {"overlong NUL", "\"\xC0\x80\"", "UTF-8", true},
      {"20,000 nested objects", nested_objects(20'000), "deeper than", false},
      {"integer past 64 bits", "18446744073709551616", "64-bit", true},
      {"number that becomes 0", "1e-400", "too small", true},
      {"number past a double", "1e400", "beyond the range", true},
  };
  return values;
}

std::string with_value(const char* body_template, const std::string& value) {
  std::string body(body_template);
  body.replace(body.find("$V"), 2, value);
  return body;
}

class HostileInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_dir_ = new TempDir();
    config_dir_->write("clients.yaml", kClientsYaml);
    stack_ =
        new TestStack({"hostile_input_e2e",
                       1,
                       {{"CLIENTS_CONFIG_FILE", (config_dir_->path() / "clients.yaml").string()}}});
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
    delete config_dir_;
    config_dir_ = nullptr;
  }

  HttpResponse call(const std::string& method, const std::string& path, const std::string& body,
                    bool admin, Headers headers = {}) {
    if (admin) headers["Authorization"] = "Bearer dev-admin-key";
    if (!headers.count("Content-Type")) headers["Content-Type"] = "application/json";
    const auto started = std::chrono::steady_clock::now();
    HttpResponse response = http_.request(method, path, body, headers);
    // Refused up front: no awaited write, no 30 s wait.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5))
        << method << " " << path;
    return response;
  }

  // The refusal is a 400 in `style`, its details naming `field` (or a path
  // below it) and saying `says`.
  static void expect_refused(const HttpResponse& response, Style style, const std::string& field,
                             bool exact_field, const std::string& says, const std::string& what) {
    ASSERT_EQ(response.status, 400) << what << ": " << response.body.substr(0, 500);
    const auto doc = parse_json(response.body);
    ASSERT_TRUE(doc.IsObject()) << what;
    std::string named;
    std::string message;
    switch (style) {
      case Style::kXcore: {
        ASSERT_TRUE(doc.HasMember("error") && doc["error"].IsObject()) << what << response.body;
        EXPECT_STREQ(doc["error"]["code"].GetString(), "VALIDATION_ERROR") << what;
        const auto& details = doc["error"]["details"];
        ASSERT_TRUE(details.IsArray() && details.Size() == 1) << what << response.body;
        named = details[0]["field"].GetString();
        message = details[0]["message"].GetString();
        break;
      }
      case Style::kGrpc: {
        EXPECT_EQ(doc["code"].GetInt(), 3) << what;  // INVALID_ARGUMENT
        ASSERT_TRUE(doc["details"].IsArray() && doc["details"].Size() == 1)
            << what << response.body;
        named = doc["details"][0]["field"].GetString();
        message = doc["details"][0]["message"].GetString();
        break;
      }
      case Style::kImas: {
        ASSERT_TRUE(doc.HasMember("error") && doc["error"].IsString()) << what << response.body;
        ASSERT_TRUE(doc.HasMember("details") && doc["details"].IsObject()) << what << response.body;
        const auto member = doc["details"].MemberBegin();
        named = member->name.GetString();
        message = member->value[0].GetString();
        break;
      }
    }
    if (exact_field) {
      EXPECT_EQ(named, field) << what;
    } else {
      EXPECT_TRUE(named.starts_with(field + ".")) << what << ": " << named;
    }
    EXPECT_NE(message.find(says), std::string::npos) << what << ": " << message;
  }

  void expect_alive() {
    EXPECT_TRUE(stack_->api().running()) << stack_->api().log();
    EXPECT_EQ(http_.request("GET", "/health").status, 200);
  }

  static TestStack* stack_;
  static TempDir* config_dir_;
  HttpClient http_{stack_->base_url()};
};

TestStack* HostileInput::stack_ = nullptr;
TempDir* HostileInput::config_dir_ = nullptr;

TEST_F(HostileInput, EverySurfaceRefusesEveryHostileValueNamingTheField) {
  for (const Surface& surface : kSurfaces) {
    for (const Hostile& hostile : hostile_values()) {
      const auto response = call(surface.method, surface.path,
                                 with_value(surface.body, hostile.value), surface.admin);
      expect_refused(response, surface.style, surface.field, hostile.exact_field, hostile.says,
                     std::string(surface.name) + " with " + hostile.name);
    }
  }
  expect_alive();
}

TEST_F(HostileInput, NestingThatOverflowedTheParserIsRefusedOnEverySurface) {
  // 200,000 '[' ended the api process through RapidJSON's recursion.
  const std::string brackets(200'000, '[');
  for (const Surface& surface : kSurfaces) {
    const auto response = call(surface.method, surface.path, brackets, surface.admin);
    EXPECT_EQ(response.status, 400) << surface.name << ": " << response.body.substr(0, 300);
    EXPECT_NE(response.body.find("deeper than 64 levels"), std::string::npos) << surface.name;
    ASSERT_TRUE(stack_->api().running()) << surface.name;
  }
  expect_alive();
}

TEST_F(HostileInput, NothingRefusedWasStored) {
  // The refused tasks above never reached the ledger: only good tasks are listed.
  const auto good = call(
      "POST", "/api/v1/tasks",
      R"({"service":"system","action":"noop","payload":{"n":"caf\u00e9 \ud83d\ude00"}})", true);
  ASSERT_EQ(good.status, 202) << good.body;
  const std::string id = parse_json(good.body)["id"].GetString();
  TaskApiClient tasks(stack_->base_url());
  EXPECT_TRUE(tasks.reaches(id, "succeeded"));
  const auto list = call("GET", "/api/v1/tasks?limit=100", "", true);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(parse_json(list.body)["items"].Size(), 1u) << list.body.substr(0, 1000);
}

TEST_F(HostileInput, FormBodiesRefuseNulAndBytesThatAreNotUtf8) {
  const Headers form{{"Content-Type", "application/x-www-form-urlencoded"}};
  for (const std::string& body : std::vector<std::string>{
           "username=a%00b&password=x", "username=%FF&password=x", "username=a\0b&password=x"s}) {
    const auto response = call("POST", "/auth/login", body, false, form);
    expect_refused(response, Style::kXcore, "username", true, "UTF-8", "login form " + body);
  }
  // An ordinary form login still gets as far as checking the credentials.
  EXPECT_EQ(call("POST", "/auth/login", "username=nobody&password=wrong", false, form).status, 401);
  expect_alive();
}

TEST_F(HostileInput, OrdinaryBodiesStillPass) {
  const auto event = call("POST", "/api/v1alpha1/event",
                          R"({"title":"Déploiement \"v2\" 🚀 \ud83d\ude00","attributes":)"
                          R"({"type":"deployment","service":"svc","message":"ok"}})",
                          true);
  EXPECT_EQ(event.status, 200) << event.body;
  // 64 levels: the body, the payload object and 62 arrays.
  std::string deep = R"({"service":"system","action":"noop","payload":{"a":)";
  deep += std::string(62, '[') + "1" + std::string(62, ']') + "}}";
  const auto accepted = call("POST", "/api/v1/tasks", deep, true);
  EXPECT_EQ(accepted.status, 202) << accepted.body;
  deep.insert(deep.find('['), "[");
  deep.insert(deep.rfind(']'), "]");
  EXPECT_EQ(call("POST", "/api/v1/tasks", deep, true).status, 400);
}

// ---- Header fields

TEST_F(HostileInput, AHeaderOf64KiBIsAnswered431InEachFormat) {
  const Headers big{{"X-Padding", std::string(64 << 10, 'a')}};
  const auto health = call("GET", "/health", "", false, big);
  ASSERT_EQ(health.status, 431) << health.body;
  EXPECT_STREQ(parse_json(health.body)["error"]["code"].GetString(), "HEADERS_TOO_LARGE");
  const auto task =
      call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop"})", true, big);
  EXPECT_EQ(task.status, 431);
  const auto tracker = call("GET", "/api/v1alpha1/events/list", "", true, big);
  ASSERT_EQ(tracker.status, 431);
  EXPECT_EQ(parse_json(tracker.body)["code"].GetInt(), 8);  // RESOURCE_EXHAUSTED
  const auto imas =
      call("POST", "/api/auth/token/", R"({"username":"a","password":"b"})", false, big);
  ASSERT_EQ(imas.status, 431);
  EXPECT_TRUE(parse_json(imas.body)["error"].IsString());
  EXPECT_EQ(call("GET", "/no/such/path", "", false, big).status, 431);
  EXPECT_EQ(call("DELETE", "/health", "", false, big).status, 431);
  expect_alive();
}

TEST_F(HostileInput, TooManyHeaderFieldsAreAnswered431) {
  Headers many;
  for (int i = 0; i < 150; ++i) many["X-Field-" + std::to_string(i)] = "v";
  const auto response = call("GET", "/health", "", false, many);
  ASSERT_EQ(response.status, 431) << response.body;
  EXPECT_NE(parse_json(response.body)["error"]["message"].GetString(), std::string());
  many.erase(many.begin(), std::next(many.begin(), 60));
  EXPECT_EQ(call("GET", "/health", "", false, many).status, 200);
  expect_alive();
}

TEST_F(HostileInput, AHeaderValueThatIsNotTextIsRefused) {
  const auto response = call("POST", "/api/v1/tasks", R"({"service":"system","action":"noop"})",
                             true, {{"Idempotency-Key", "key\x01with-control"}});
  ASSERT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(parse_json(response.body)["error"]["details"][0]["field"], "Idempotency-Key");
}

// ---- Below libcurl: bytes a client library would not send

// Sends `request` on a fresh connection and returns the first status code the
// server answers (0 when it answers nothing within 10 s).
int raw_status(std::uint16_t port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  int status = 0;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;  // the server may answer and stop reading before the end
      sent += static_cast<std::size_t>(n);
    }
    char buffer[512];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer - 1, 0);
    if (n > 12 && std::string(buffer, 5) == "HTTP/") status = std::stoi(std::string(buffer + 9, 3));
  }
  ::close(fd);
  return status;
}

TEST_F(HostileInput, RawRequestsGetA4xxAndTheApiStaysUp) {
  const std::uint16_t port = stack_->port();
  // A NUL byte inside a header value.
  EXPECT_EQ(raw_status(port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n\r\n"s), 400);
  // A space before the colon (RFC 9110: must be refused).
  EXPECT_EQ(raw_status(port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Bad : v\r\n\r\n"), 400);
  // A body past MAX_BODY_BYTES is refused from its Content-Length, before it is read.
  const std::string huge(3 << 20, 'x');
  EXPECT_EQ(raw_status(port, "POST /api/v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                 std::to_string(huge.size()) + "\r\n\r\n" + huge),
            413);
  // A Content-Length claiming more than the body limit gets 413 at once, not a wait
  // for bytes that never come; one that is no byte count gets 400 (Pistache alone
  // answered 500 to these, or reserved the claimed size).
  for (const char* claimed : {"1000000000", "99999999999999999", "18446744073709551615"}) {
    EXPECT_EQ(raw_status(port, "POST /api/v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                   std::string(claimed) + "\r\n\r\n{}"),
              413)
        << claimed;
  }
  for (const char* claimed : {"-5", "abc", "12x"}) {
    EXPECT_EQ(raw_status(port, "POST /api/v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                   std::string(claimed) + "\r\n\r\n{}"),
              400)
        << claimed;
  }
  // Repeated lines of one name, which Pistache folds into one, are counted.
  std::string repeated = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 5000; ++i) repeated += "X-A: b\r\n";
  EXPECT_EQ(raw_status(port, repeated + "\r\n"), 431);
  // A request line past 8 KiB.
  EXPECT_EQ(raw_status(port, "GET /health?q=" + std::string(10000, 'a') + " HTTP/1.1\r\n\r\n"),
            414);
  // A body of exactly one byte over the limit gets the documented JSON 413.
  const std::string over((1 << 20) + 1, ' ');
  const auto over_answer = call("POST", "/api/v1/tasks", over, true);
  EXPECT_EQ(over_answer.status, 413);
  EXPECT_STREQ(parse_json(over_answer.body)["error"]["code"].GetString(), "PAYLOAD_TOO_LARGE");
  expect_alive();
}

}  // namespace
}  // namespace switchyard::testing
