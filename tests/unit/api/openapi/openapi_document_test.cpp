// build_openapi_document (api/openapi/openapi_document.hpp): the shared part plus
// each module's fragment make the served document; a name two parts define is
// refused, naming the module, so one domain can never silently replace another's
// documentation.
#include "openapi/openapi_document.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <stdexcept>
#include <string>

namespace switchyard::api {
namespace {

constexpr std::string_view kBase = R"({"openapi":"3.0.3","info":{"title":"t"},"tags":[],"paths":{},
  "components":{"schemas":{"Error":{"type":"object"}}}})";
constexpr std::string_view kCounters = R"({"tags":[{"name":"counters"}],
  "paths":{"/counters":{"get":{"responses":{}}}},
  "components":{"schemas":{"Counter":{"type":"object"}},"parameters":{"Name":{"in":"path"}}}})";

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError());
  return doc;
}

TEST(OpenapiDocument, AddsEachFragmentsTagsPathsAndComponentsToTheSharedPart) {
  const auto doc = parsed(build_openapi_document(
      kBase, {{"counter", kCounters, {{"CounterBody", R"({"type":"object"})"}}}}, "1.2.3"));
  EXPECT_STREQ(doc["info"]["version"].GetString(), "1.2.3");
  EXPECT_STREQ(doc["tags"][0]["name"].GetString(), "counters");
  EXPECT_TRUE(doc["paths"].HasMember("/counters"));
  EXPECT_TRUE(doc["components"]["schemas"].HasMember("Error"));
  EXPECT_TRUE(doc["components"]["schemas"].HasMember("Counter"));
  EXPECT_TRUE(doc["components"]["schemas"].HasMember("CounterBody"));
  EXPECT_TRUE(doc["components"]["parameters"].HasMember("Name"));
}

TEST(OpenapiDocument, RefusesAPathTwoModulesDefine) {
  try {
    build_openapi_document(kBase, {{"counter", kCounters}, {"copycat", kCounters}}, "1");
    FAIL() << "a path defined twice was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("copycat: path /counters is defined twice"),
              std::string::npos)
        << e.what();
  }
}

TEST(OpenapiDocument, RefusesAComponentTheSharedPartAlreadyDefines) {
  constexpr std::string_view kShadowing = R"({"components":{"schemas":{"Error":{}}}})";
  EXPECT_THROW(build_openapi_document(kBase, {{"shadow", kShadowing}}, "1"), std::runtime_error);
  EXPECT_THROW(build_openapi_document(kBase, {{"counter", kCounters, {{"Error", "{}"}}}}, "1"),
               std::runtime_error);
}

TEST(OpenapiDocument, RefusesAFragmentThatIsNotAJsonObject) {
  EXPECT_THROW(build_openapi_document(kBase, {{"broken", "{\"paths\":"}}, "1"), std::runtime_error);
  EXPECT_THROW(build_openapi_document(kBase, {{"array", "[]"}}, "1"), std::runtime_error);
}

}  // namespace
}  // namespace switchyard::api
