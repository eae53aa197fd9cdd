// The task kinds of every domain (common/domain/<domain>/<domain>_kinds.hpp), the
// worker's modules (workers/worker_modules.hpp) and config/services.yaml name the
// same actions: each declared kind has exactly one handler, each handler serves a
// declared kind, and services.yaml configures exactly the actions the worker
// serves. A kind published without a handler, registered twice, or missing from
// services.yaml fails here, not at run time.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "config/config_error.hpp"
#include "config/services_config.hpp"
#include "config/settings.hpp"
#include "dispatcher.hpp"
#include "served_actions.hpp"
#include "service_pool.hpp"
#include "support/test_servers.hpp"
#include "worker_modules.hpp"

namespace switchyard::workers {
namespace {

class TaskKinds : public ::testing::Test {
 protected:
  void SetUp() override { Modules::add_to(dispatcher_, {settings_}); }

  static config::ServicesConfig real_services() {
    return config::ServicesConfig::load_file(testing::source_dir() + "/config/services.yaml");
  }

  // Every kind the dispatcher serves, as "<service>.<action>".
  std::set<std::string> registered() const {
    std::set<std::string> kinds;
    for (const auto& service : dispatcher_.services()) {
      for (const auto& action : dispatcher_.actions(service)) kinds.insert(service + "." + action);
    }
    return kinds;
  }

  config::Settings settings_;
  Dispatcher dispatcher_;
};

TEST_F(TaskKinds, EveryDeclaredKindIsDeclaredOnce) {
  std::map<std::string, int> declared;
  for (const auto& kind : Modules::kinds()) ++declared[kind.routing_key()];
  for (const auto& [kind, count] : declared) EXPECT_EQ(count, 1) << kind;
}

TEST_F(TaskKinds, EveryDeclaredKindHasAHandlerAndEveryHandlerADeclaredKind) {
  std::set<std::string> declared;
  for (const auto& kind : Modules::kinds()) {
    declared.insert(kind.routing_key());
    EXPECT_NE(dispatcher_.find(std::string(kind.service), std::string(kind.action)), nullptr)
        << kind.routing_key() << " is declared but has no handler";
  }
  for (const auto& kind : registered()) {
    EXPECT_TRUE(declared.contains(kind)) << kind << " has a handler but no declared kind";
  }
}

TEST_F(TaskKinds, RegisteringAKindTwiceThrows) {
  EXPECT_THROW(Modules::add_to(dispatcher_, {settings_}), std::logic_error);
  Dispatcher fresh;
  fresh.add(kinds::tracker::kCreateEvent, nullptr);
  EXPECT_THROW(fresh.add(kinds::tracker::kCreateEvent, nullptr), std::logic_error);
}

TEST_F(TaskKinds, EveryHandledKindIsAnActionOfServicesYaml) {
  const auto services = real_services();
  for (const auto& kind : registered()) {
    const auto dot = kind.find('.');
    EXPECT_NE(services.find_action(kind.substr(0, dot), kind.substr(dot + 1)), nullptr)
        << kind << " has a handler but config/services.yaml does not configure it";
  }
}

TEST_F(TaskKinds, EveryActionOfAServedServiceHasAHandler) {
  const auto services = real_services();
  for (const auto& name : dispatcher_.services()) {
    const config::ServiceConfig* service = services.find_service(name);
    ASSERT_NE(service, nullptr) << name << " is served but config/services.yaml lacks it";
    for (const auto& [action, config] : service->actions) {
      EXPECT_NE(dispatcher_.find(name, action), nullptr)
          << name << "." << action << " is configured but no handler serves it";
    }
  }
  EXPECT_NO_THROW(check_served_actions(dispatcher_, services, "services.yaml"));
}

TEST_F(TaskKinds, StartRefusesAConfiguredActionWithoutAHandler) {
  auto services = real_services();
  services.services.at("tracker").actions.emplace("archive_event", config::ActionConfig{});
  try {
    check_served_actions(dispatcher_, services, "services.yaml");
    FAIL() << "an action without a handler passed";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("tracker.archive_event is configured but no handler"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(TaskKinds, StartRefusesAHandlerWhoseActionIsNotConfigured) {
  auto services = real_services();
  services.services.at("releases").actions.erase("ping");
  try {
    check_served_actions(dispatcher_, services, "services.yaml");
    FAIL() << "a handler without an action passed";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("releases.ping has a handler but is not an action"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(TaskKinds, StartLeavesServicesOfOtherWorkersAlone) {
  auto services = real_services();
  config::ServiceConfig js;  // served by workers/js
  js.name = "js";
  js.actions.emplace("add", config::ActionConfig{});
  services.services.emplace("js", js);
  services.services.erase("releases");  // a deployment that does not run the release tracker
  EXPECT_NO_THROW(check_served_actions(dispatcher_, services, "services.yaml"));
}

TEST_F(TaskKinds, AWorkerConsumesEveryServiceItServesOrOnlyThoseItIsGiven) {
  const auto services = real_services();
  const auto all = consumed_services(dispatcher_, services, {});
  EXPECT_TRUE(all.contains("incidents"));
  EXPECT_TRUE(all.contains("incident_orchestration"));
  EXPECT_EQ(consumed_services(dispatcher_, services, {"incident_orchestration"}),
            std::set<std::string>{"incident_orchestration"});
  try {
    consumed_services(dispatcher_, services, {"incidents", "incidnets"});
    FAIL() << "a service this worker cannot serve was taken";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("WORKER_SERVICES names incidnets"), std::string::npos)
        << e.what();
  }
}

TEST_F(TaskKinds, TheOrchestrationStepsRunInAPoolOfTheirOwn) {
  const auto services = real_services();
  const auto pools = ServicePool::group(services, consumed_services(dispatcher_, services, {}));
  ASSERT_TRUE(pools.contains("outbound"));
  EXPECT_EQ(pools.at("outbound").services, std::set<std::string>{"incident_orchestration"});
  EXPECT_EQ(pools.at("outbound").concurrency, 16);  // its steps mostly wait on HTTP
  EXPECT_TRUE(pools.at("default").services.contains("incidents"));
  EXPECT_EQ(pools.at("default").concurrency, 0);  // WORKER_CONCURRENCY
  const WorkerContext context{settings_, &services};
  EXPECT_EQ(context.handler_threads("incident_orchestration"), 16);
  EXPECT_EQ(context.handler_threads("incidents"), settings_.worker_concurrency);
}

}  // namespace
}  // namespace switchyard::workers
