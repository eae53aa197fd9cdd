// What a caller may submit (api/tasks/submission_policy.hpp): the
// action's configured timeout and attempts bound callers other than admins, and
// ENV=production keeps the `system` service for admins.
#include "tasks/submission_policy.hpp"

#include <gtest/gtest.h>

#include "errors/app_error.hpp"

namespace switchyard::api {
namespace {

config::ServiceConfig service(const std::string& name) {
  config::ServiceConfig s;
  s.name = name;
  return s;
}

config::ActionConfig action() {
  config::ActionConfig a;
  a.name = "noop";
  a.timeout_ms = 30000;
  a.retry.max_attempts = 3;
  return a;
}

Principal user() {
  Principal p;
  p.kind = Principal::Kind::kUser;
  p.name = "user:7";
  p.permissions = {"tasks:write"};
  return p;
}

Principal admin() {
  Principal p = user();
  p.admin = true;
  return p;
}

// The code and the field of the refusal, or {kInternal, ""} when allowed.
std::pair<ErrorCode, std::string> refusal(const Principal& caller, const std::string& svc,
                                          int timeout_ms, int max_attempts, bool production) {
  try {
    check_submission_policy(&caller, service(svc), action(), timeout_ms, max_attempts, production);
  } catch (const AppError& e) {
    return {e.code(), e.details_json()};
  }
  return {ErrorCode::kInternal, ""};
}

TEST(SubmissionPolicy, AllowsTheConfiguredValuesAndLess) {
  EXPECT_EQ(refusal(user(), "reports", 30000, 3, true).first, ErrorCode::kInternal);
  EXPECT_EQ(refusal(user(), "reports", 100, 1, false).first, ErrorCode::kInternal);
}

TEST(SubmissionPolicy, RefusesMoreThanTheActionAllowsNamingTheField) {
  const auto timeout = refusal(user(), "reports", 30001, 3, false);
  EXPECT_EQ(timeout.first, ErrorCode::kUnprocessable);
  EXPECT_NE(timeout.second.find("\"timeout_ms\""), std::string::npos) << timeout.second;
  const auto attempts = refusal(user(), "reports", 1000, 4, false);
  EXPECT_EQ(attempts.first, ErrorCode::kUnprocessable);
  EXPECT_NE(attempts.second.find("\"max_attempts\""), std::string::npos) << attempts.second;
}

TEST(SubmissionPolicy, KeepsTheSystemServiceForAdminsInProduction) {
  EXPECT_EQ(refusal(user(), "system", 1000, 1, true).first, ErrorCode::kForbidden);
  EXPECT_EQ(refusal(user(), "system", 1000, 1, false).first, ErrorCode::kInternal);
  EXPECT_EQ(refusal(admin(), "system", 1000, 1, true).first, ErrorCode::kInternal);
}

TEST(SubmissionPolicy, LetsAdminsGoPastTheConfiguredValues) {
  EXPECT_EQ(refusal(admin(), "reports", 600000, 10, true).first, ErrorCode::kInternal);
}

}  // namespace
}  // namespace switchyard::api
