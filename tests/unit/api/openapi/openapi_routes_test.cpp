// The served OpenAPI document (api/openapi/openapi.json plus every module's
// fragment and request schemas) against the route table (every module's rows):
// every route is documented with its method and path parameters, every documented
// operation is a route, every protected route declares its credentials
// (`security`) and its permission (`x-required-permission`), and errors are
// documented in the route's format. A route added or changed
// without its documentation fails here.
#include <gtest/gtest.h>
#include <pistache/http_defs.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "modules.hpp"
#include "version.hpp"

namespace switchyard::api {
namespace {

const std::set<std::string> kHttpMethods = {"get",   "put",     "post", "delete",
                                            "patch", "options", "head", "trace"};

// Documented operations that are no row of the route table (an alias another
// route serves), as "method path". None today: add one only with its reason.
const std::set<std::string> kDocumentedAliases = {};

// /api/v1/tasks/:id → /api/v1/tasks/{id}
std::string openapi_path(const std::string& pistache_path) {
  static const std::regex kParam(":([A-Za-z_][A-Za-z0-9_]*)");
  return std::regex_replace(pistache_path, kParam, "{$1}");
}

std::vector<std::string> path_parameters(const std::string& openapi_path) {
  static const std::regex kParam("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  std::vector<std::string> names;
  for (auto it = std::sregex_iterator(openapi_path.begin(), openapi_path.end(), kParam);
       it != std::sregex_iterator(); ++it) {
    names.push_back((*it)[1].str());
  }
  return names;
}

// The member `name` of `value`, or nullptr (rapidjson's operator[] asserts instead).
const rapidjson::Value* member(const rapidjson::Value* value, const char* name) {
  if (value == nullptr || !value->IsObject()) return nullptr;
  const auto it = value->FindMember(name);
  return it == value->MemberEnd() ? nullptr : &it->value;
}

std::string key_of(const std::string& method, const std::string& path) {
  std::string key = method;
  key += ' ';
  key += path;
  return key;
}

std::string method_name(Pistache::Http::Method method) {
  std::string name = Pistache::Http::methodString(method);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// The components.schemas entry documenting an error format; empty for a format
// this test does not know yet (a new ErrorStyle must be added here).
std::string error_schema(ErrorStyle style) {
  if (style == ErrorStyle::kXcore) return "#/components/schemas/Error";
  if (style == ErrorStyle::kImas) return "#/components/schemas/ImasError";
  if (style == ErrorStyle::kGrpcGateway) return "#/components/schemas/GrpcError";  // the tracker
  return {};
}

// Every setting that changes who may call a route: METRICS_PUBLIC and
// TRACKER_ANONYMOUS (off, read, read-write).
std::vector<RouteOptions> every_route_options() {
  std::vector<RouteOptions> all;
  for (const bool metrics_public : {true, false}) {
    for (const auto& [read, write] : {std::pair{false, false}, {true, false}, {true, true}}) {
      all.push_back({.metrics_public = metrics_public,
                     .tracker_anonymous_read = read,
                     .tracker_anonymous_write = write});
    }
  }
  return all;
}

// What one operation is under each of every_route_options().
struct RouteRow {
  std::string method;  // lowercase, as OpenAPI names operations
  std::string path;    // OpenAPI syntax
  ErrorStyle style = ErrorStyle::kXcore;
  std::vector<Access> accesses;  // one per setting
};

std::map<std::string, RouteRow> route_rows() {
  std::map<std::string, RouteRow> rows;
  for (const RouteOptions& options : every_route_options()) {
    for (const auto& spec : Modules::route_table(options)) {
      RouteRow& row = rows[key_of(method_name(spec.method), openapi_path(spec.path))];
      row.method = method_name(spec.method);
      row.path = openapi_path(spec.path);
      row.style = spec.style;
      row.accesses.push_back(spec.access);
    }
  }
  return rows;
}

class OpenapiRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    // The document exactly as GET /openapi.json serves it (api/main.cpp).
    served_ = Modules::openapi_document(kVersion);
    doc_.Parse(served_.c_str());
    ASSERT_FALSE(doc_.HasParseError()) << "the served OpenAPI document is not valid JSON";
    ASSERT_TRUE(doc_.IsObject() && member(&doc_, "paths") != nullptr &&
                member(&doc_, "paths")->IsObject());
  }

  // The operation for `method` at `path`, or nullptr.
  const rapidjson::Value* operation(const std::string& method, const std::string& path) const {
    const rapidjson::Value* op =
        member(member(member(&doc_, "paths"), path.c_str()), method.c_str());
    return op != nullptr && op->IsObject() ? op : nullptr;
  }

  // Follows a {"$ref": "#/..."} within the document; nullptr when it leads nowhere.
  const rapidjson::Value* resolve(const rapidjson::Value& value) const {
    const rapidjson::Value* current = &value;
    for (int hops = 0; hops < 8 && current->IsObject(); ++hops) {
      const auto ref = current->FindMember("$ref");
      if (ref == current->MemberEnd()) return current;
      if (!ref->value.IsString()) return nullptr;
      const std::string target = ref->value.GetString();
      if (target.rfind("#/", 0) != 0) return nullptr;
      current = rapidjson::Pointer(target.substr(1).c_str()).Get(doc_);
      if (current == nullptr) return nullptr;
    }
    return current;
  }

  std::string served_;
  rapidjson::Document doc_;
};

TEST_F(OpenapiRoutes, EveryRouteIsDocumentedWithItsMethodAndPathParameters) {
  int checked = 0;
  for (const auto& [key, row] : route_rows()) {
    const rapidjson::Value* op = operation(row.method, row.path);
    if (op == nullptr) {
      ADD_FAILURE() << key << " is a route but not in its module's OpenAPI fragment";
      continue;
    }
    ++checked;
    // Each {param} is declared as a path parameter, on the operation or its path.
    std::set<std::string> declared;
    const rapidjson::Value* path_item = member(member(&doc_, "paths"), row.path.c_str());
    for (const rapidjson::Value* holder : {op, path_item}) {
      const rapidjson::Value* params = member(holder, "parameters");
      if (params == nullptr || !params->IsArray()) continue;
      for (const auto& p : params->GetArray()) {
        const rapidjson::Value* param = resolve(p);
        ASSERT_NE(param, nullptr) << key << ": a parameter's $ref leads nowhere";
        const rapidjson::Value* in = member(param, "in");
        const rapidjson::Value* name = member(param, "name");
        if (in != nullptr && in->IsString() && std::string(in->GetString()) == "path" &&
            name != nullptr && name->IsString()) {
          declared.insert(name->GetString());
        }
      }
    }
    for (const auto& name : path_parameters(row.path)) {
      EXPECT_TRUE(declared.count(name)) << key << ": path parameter " << name << " is not declared";
    }
  }
  EXPECT_GT(checked, 30);
}

TEST_F(OpenapiRoutes, EveryDocumentedOperationIsARoute) {
  const auto rows = route_rows();
  for (const auto& item : member(&doc_, "paths")->GetObject()) {
    const std::string path = item.name.GetString();
    ASSERT_TRUE(item.value.IsObject()) << path;
    for (const auto& entry : item.value.GetObject()) {
      const std::string method = entry.name.GetString();
      if (!kHttpMethods.count(method)) continue;  // parameters, summary, …
      const std::string key = key_of(method, path);
      EXPECT_TRUE(rows.count(key) || kDocumentedAliases.count(key))
          << key << " is documented but is no route of any module (stale entry?)";
    }
  }
}

TEST_F(OpenapiRoutes, ProtectedRoutesDeclareCredentialsAndTheirPermission) {
  const rapidjson::Value* schemes = member(member(&doc_, "components"), "securitySchemes");
  ASSERT_NE(schemes, nullptr) << "components.securitySchemes is missing";
  for (const auto& [key, row] : route_rows()) {
    const rapidjson::Value* op = operation(row.method, row.path);
    if (op == nullptr) {
      ADD_FAILURE() << key << " is not documented";
      continue;
    }
    const auto security = op->FindMember("security");
    ASSERT_TRUE(security != op->MemberEnd() && security->value.IsArray())
        << key << ": every operation states its `security` (public: [])";
    bool anonymous = false;
    int schemes_named = 0;
    for (const auto& requirement : security->value.GetArray()) {
      ASSERT_TRUE(requirement.IsObject()) << key;
      if (requirement.ObjectEmpty()) anonymous = true;
      for (const auto& scheme : requirement.GetObject()) {
        EXPECT_TRUE(schemes->HasMember(scheme.name))
            << key << ": unknown security scheme " << scheme.name.GetString();
        ++schemes_named;
      }
    }
    const auto permission = op->FindMember("x-required-permission");
    const bool public_everywhere =
        std::all_of(row.accesses.begin(), row.accesses.end(),
                    [](const Access& a) { return a.kind == Access::Kind::kPublic; });
    if (public_everywhere) {
      EXPECT_EQ(schemes_named, 0) << key << " is public: its security must be []";
      EXPECT_TRUE(permission == op->MemberEnd()) << key << " is public but names a permission";
      continue;
    }
    EXPECT_GT(schemes_named, 0) << key << " needs credentials: its security must name them";
    for (const Access& access : row.accesses) {
      switch (access.kind) {
        case Access::Kind::kPublic:
          // Public in some setting only (/metrics, the tracker): anonymous calls
          // are allowed too.
          EXPECT_TRUE(anonymous) << key << " is public in one setting: security needs {}";
          break;
        case Access::Kind::kAuthenticated:
          EXPECT_TRUE(permission == op->MemberEnd())
              << key << " takes any credentials but documents a permission";
          break;
        case Access::Kind::kPermission:
          ASSERT_TRUE(permission != op->MemberEnd())
              << key << " needs " << access.permission << ": x-required-permission is missing";
          ASSERT_TRUE(permission->value.IsString()) << key;
          EXPECT_EQ(permission->value.GetString(), access.permission) << key;
          break;
      }
    }
  }
}

TEST_F(OpenapiRoutes, ErrorsAreDocumentedInTheRoutesFormat) {
  for (const auto& [key, row] : route_rows()) {
    const rapidjson::Value* op = operation(row.method, row.path);
    if (op == nullptr) {
      ADD_FAILURE() << key << " is not documented";
      continue;
    }
    const rapidjson::Value* responses = member(op, "responses");
    ASSERT_TRUE(responses != nullptr && responses->IsObject()) << key;
    const std::string expected = error_schema(row.style);
    if (expected.empty()) {
      ADD_FAILURE() << key << ": its error style has no schema here: add it to error_schema()";
      continue;
    }
    for (const auto& response : responses->GetObject()) {
      const std::string status = response.name.GetString();
      if (status.size() != 3 || status[0] != '4') continue;
      const rapidjson::Value* resolved = resolve(response.value);
      ASSERT_NE(resolved, nullptr) << key << " " << status << ": $ref leads nowhere";
      const rapidjson::Value* schema =
          rapidjson::Pointer("/content/application~1json/schema/$ref").Get(*resolved);
      ASSERT_NE(schema, nullptr) << key << " " << status << ": no application/json error schema";
      EXPECT_EQ(schema->GetString(), expected) << key << " " << status;
    }
  }
}

TEST_F(OpenapiRoutes, EveryReferenceResolves) {
  std::vector<std::string> broken;
  std::function<void(const rapidjson::Value&)> walk = [&](const rapidjson::Value& value) {
    if (value.IsObject()) {
      for (const auto& entry : value.GetObject()) {
        if (std::string(entry.name.GetString()) == "$ref" && entry.value.IsString()) {
          const std::string target = entry.value.GetString();
          if (target.rfind("#/", 0) != 0 ||
              rapidjson::Pointer(target.substr(1).c_str()).Get(doc_) == nullptr) {
            broken.push_back(target);
          }
        } else {
          walk(entry.value);
        }
      }
    } else if (value.IsArray()) {
      for (const auto& item : value.GetArray()) walk(item);
    }
  };
  walk(doc_);
  EXPECT_TRUE(broken.empty()) << "unresolved: " << ::testing::PrintToString(broken);
}

}  // namespace
}  // namespace switchyard::api
