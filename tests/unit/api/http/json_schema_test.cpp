// JsonSchema (api/http/json_schema.hpp) with the real task submission schema: valid
// bodies parse, invalid ones become a validation AppError naming the field.
#include "http/json_schema.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "errors/app_error.hpp"
#include "switchyard_api_core_embedded.hpp"

namespace switchyard::api {
namespace {

class TaskSubmissionSchema : public ::testing::Test {
 protected:
  JsonSchema schema_{std::string(embedded::kTaskSubmission)};  // api/tasks/task_submission.json

  // The AppError that `body` raises; fails the test when it is accepted.
  AppError error_of(const std::string& body) {
    try {
      schema_.parse(body);
    } catch (const AppError& e) {
      return e;
    }
    ADD_FAILURE() << "accepted: " << body;
    return AppError(ErrorCode::kInternal, "accepted");
  }

  // The "field" of the first entry of the error's details.
  static std::string field_of(const AppError& error) {
    rapidjson::Document details;
    details.Parse(error.details_json().c_str());
    if (details.HasParseError() || !details.IsArray() || details.Empty() ||
        !details[0].IsObject() || !details[0].HasMember("field")) {
      ADD_FAILURE() << "details are not [{\"field\":…}]: " << error.details_json();
      return "";
    }
    return details[0]["field"].GetString();
  }
};

TEST_F(TaskSubmissionSchema, ParsesAValidBody) {
  const rapidjson::Document doc = schema_.parse(
      R"({"service":"system","action":"noop","payload":{"hello":"world"},"priority":3,)"
      R"("max_attempts":2,"timeout_ms":1000})");
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["service"].GetString(), "system");
  EXPECT_STREQ(doc["action"].GetString(), "noop");
  EXPECT_STREQ(doc["payload"]["hello"].GetString(), "world");
  EXPECT_EQ(doc["priority"].GetInt(), 3);
}

TEST_F(TaskSubmissionSchema, ParsesAMinimalBody) {
  EXPECT_NO_THROW(schema_.parse(R"({"service":"system","action":"sleep"})"));
  EXPECT_NO_THROW(schema_.parse(R"({"service":"a-b_1","action":"x","priority":255})"));
}

TEST_F(TaskSubmissionSchema, RefusesInvalidJson) {
  const AppError error = error_of(R"({"service":"system",)");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  EXPECT_NE(error.public_message().find("not valid JSON"), std::string::npos)
      << error.public_message();
}

TEST_F(TaskSubmissionSchema, NamesAMissingRequiredField) {
  const AppError error = error_of(R"({"action":"noop"})");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  EXPECT_EQ(field_of(error), "service");
  EXPECT_EQ(field_of(error_of(R"({"service":"system"})")), "action");
}

TEST_F(TaskSubmissionSchema, NamesAFieldOfTheWrongType) {
  const AppError error = error_of(R"({"service":"system","action":"noop","priority":"high"})");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  EXPECT_EQ(field_of(error), "priority");
  EXPECT_NE(error.details_json().find("integer"), std::string::npos) << error.details_json();
  EXPECT_EQ(field_of(error_of(R"({"service":"system","action":"noop","payload":[1]})")), "payload");
}

TEST_F(TaskSubmissionSchema, NamesAPriorityAboveTheMaximum) {
  const AppError error = error_of(R"({"service":"system","action":"noop","priority":300})");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  EXPECT_EQ(field_of(error), "priority");
  EXPECT_NE(error.details_json().find("255"), std::string::npos) << error.details_json();
}

TEST_F(TaskSubmissionSchema, NamesAnUnknownExtraField) {
  const AppError error = error_of(R"({"service":"system","action":"noop","colour":"red"})");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  EXPECT_EQ(field_of(error), "colour");
}

TEST_F(TaskSubmissionSchema, NamesAServiceThatBreaksThePattern) {
  const AppError error = error_of(R"({"service":"System","action":"noop"})");
  EXPECT_EQ(error.code(), ErrorCode::kValidation);
  EXPECT_EQ(field_of(error), "service");
  EXPECT_EQ(field_of(error_of(R"({"service":"system","action":"no op"})")), "action");
}

TEST_F(TaskSubmissionSchema, ValidatesCorrectlyFromFourThreadsAtOnce) {
  const std::vector<std::pair<std::string, bool>> bodies = {
      {R"({"service":"system","action":"noop"})", true},
      {R"({"service":"System","action":"noop"})", false},
      {R"({"service":"billing-2","action":"charge_card","payload":{"x":1}})", true},
      {R"({"service":"system","action":"Noop"})", false},
      {R"({"service":"system","action":"noop","priority":256})", false},
  };
  std::atomic<int> wrong{0};
  std::atomic<int> checked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const auto& [body, valid] = bodies[static_cast<std::size_t>(i + t) % bodies.size()];
        bool accepted = true;
        try {
          schema_.parse(body);
        } catch (const AppError&) {
          accepted = false;
        }
        if (accepted != valid) wrong.fetch_add(1);
        checked.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(checked.load(), 8000);
  EXPECT_EQ(wrong.load(), 0);
}

TEST(JsonSchema, RefusesASchemaTextThatIsNotJson) {
  EXPECT_THROW(JsonSchema("{not json"), std::runtime_error);
}

}  // namespace
}  // namespace switchyard::api
