// plugin.yaml parsing (docs/plugins.md#manifest): the repository's examples load;
// every refusal names its field; hostile text (NUL, control characters, huge
// values, ids with slashes or dots, core prefixes) is refused, never accepted.
#include "domain/plugins/plugin_manifest.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_servers.hpp"

namespace switchyard::domain::plugins {
namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kValid = R"(id: erp_crm
name: ERP CRM
version: 1.0.0
author: XCore Team
description: Module CRM complet
tags: [crm, customers]
runtime: exec
api_prefix: /erp/crm
dependencies: [erp_core]
actions:
  customers: {command: [python3, customers.py], timeout_ms: 2000, max_output_bytes: 4096}
routes:
  - {path: /erp/crm/customers, action: customers, permission: crm:read}
)";

// The message of the refusal of `yaml`, or "" when it was accepted.
std::string refusal(const std::string& yaml) {
  try {
    parse_plugin_manifest(yaml);
    return "";
  } catch (const ManifestError& e) {
    return e.what();
  }
}

std::string with(const std::string& from, const std::string& to) {
  std::string text = kValid;
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(PluginManifest, AValidManifestIsReadWholeAndSurvivesTheTableRoundTrip) {
  const PluginManifest m = parse_plugin_manifest(kValid);
  EXPECT_EQ(m.id, "erp_crm");
  EXPECT_EQ(m.tags, (std::vector<std::string>{"crm", "customers"}));
  EXPECT_EQ(m.actions.at("customers").timeout_ms, 2000);
  EXPECT_EQ(m.actions.at("customers").max_output_bytes, 4096);
  ASSERT_EQ(m.routes.size(), 1u);
  EXPECT_EQ(m.routes[0].permission, "crm:read");

  rapidjson::Document json;
  json.Parse(m.to_json().c_str());
  const PluginManifest back = parse_stored_manifest(json);
  EXPECT_EQ(back.to_json(), m.to_json());
}

TEST(PluginManifest, TheRepositoryExamplesLoad) {
  const std::string root = testing::source_dir();
  EXPECT_EQ(parse_plugin_manifest(file_text(root + "/config/plugins/hello_exec/plugin.yaml")).id,
            "hello_exec");
  const auto queue =
      parse_plugin_manifest(file_text(root + "/config/plugins/hello_queue/plugin.yaml"));
  EXPECT_EQ(queue.runtime, Runtime::kQueue);
  EXPECT_EQ(queue.service, "plugin_hello_queue");
}

TEST(PluginManifest, IdsThatCouldLeaveThePluginsFolderAreRefused) {
  for (const char* id : {"../etc", "a/b", "a.b", ".hidden", "", "Upper", "x\\y"}) {
    EXPECT_NE(refusal(with("id: erp_crm", std::string("id: \"") + id + "\"")).find("id"),
              std::string::npos)
        << id;
  }
  EXPECT_NE(refusal(with("id: erp_crm", "id: " + std::string(65, 'a'))), "");
}

TEST(PluginManifest, PrefixesUnderCorePathsAndRoutesOutsideThePrefixAreRefused) {
  // The prefix and the route under it move together: only the prefix is refused.
  const auto with_prefix = [](const std::string& prefix) {
    std::string text = kValid;
    for (auto at = text.find("/erp/crm"); at != std::string::npos; at = text.find("/erp/crm", at)) {
      text.replace(at, 8, prefix);
      at += prefix.size();
    }
    return text;
  };
  EXPECT_EQ(refusal(with_prefix("/apis")), "");
  for (const char* prefix : {"/api", "/api/v1/x", "/system", "/auth", "/admin/x", "/health",
                             "/metrics", "/badges", "/docs"}) {
    EXPECT_NE(refusal(with_prefix(prefix)).find("core path"), std::string::npos) << prefix;
  }
  for (const char* prefix : {"erp", "/erp/../api", "/", "/erp crm", "/openapi.json"}) {
    EXPECT_NE(refusal(with_prefix(prefix)).find("api_prefix"), std::string::npos) << prefix;
  }
  EXPECT_NE(refusal(with("path: /erp/crm/customers", "path: /erp/other")).find("api_prefix"),
            std::string::npos);
  EXPECT_NE(refusal(with("action: customers,", "action: nope,")).find("action"), std::string::npos);
  EXPECT_NE(refusal(with("permission: crm:read", "permission: everything")).find("permission"),
            std::string::npos);
}

TEST(PluginManifest, HostileTextIsRefused) {
  EXPECT_NE(refusal(kValid + std::string(1, '\0')).find("NUL"), std::string::npos);
  EXPECT_NE(refusal(with("name: ERP CRM", "name: \"a\\u0001b\"")).find("name"), std::string::npos);
  EXPECT_NE(refusal(with("name: ERP CRM", "name: " + std::string(10000, 'n'))).find("name"),
            std::string::npos);
  EXPECT_NE(refusal(with("timeout_ms: 2000", "timeout_ms: 99999999999999999999")), "");
  EXPECT_NE(refusal(with("runtime: exec", "runtime: shell")).find("runtime"), std::string::npos);
  EXPECT_NE(refusal(with("command: [python3, customers.py], ", "")).find("command"),
            std::string::npos);
  EXPECT_NE(refusal(kValid + "extra: 1\n").find("extra"), std::string::npos);
  // A queue plugin cannot route its calls to a service of the platform.
  EXPECT_NE(refusal(with("runtime: exec", "runtime: queue\nservice: identity")).find("service"),
            std::string::npos);
  EXPECT_NE(refusal("[1, 2]"), "");
  EXPECT_NE(refusal(std::string(200, '[')), "");
}

}  // namespace
}  // namespace switchyard::domain::plugins
