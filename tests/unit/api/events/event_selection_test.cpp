// EventSelection and may_see: the subscription filters and the permission rule.
#include "events/event_selection.hpp"

#include <gtest/gtest.h>

#include "errors/app_error.hpp"
#include "events/event_visibility.hpp"

namespace switchyard::api::events {
namespace {

StreamEvent task_event(std::string type, std::string service, std::string by = "alice") {
  StreamEvent e;
  e.type = std::move(type);
  e.service = std::move(service);
  e.submitted_by = std::move(by);
  return e;
}

TEST(EventSelection, ExactTypesAndPrefixes) {
  const auto selection = EventSelection::parse("task.completed, incident.*", "");
  EXPECT_TRUE(selection.matches(task_event("task.completed", "system")));
  EXPECT_FALSE(selection.matches(task_event("task.succeeded", "system")));
  EXPECT_TRUE(selection.matches(task_event("incident.created", "")));
  EXPECT_FALSE(selection.matches(task_event("plugin.loaded", "")));
  EXPECT_TRUE(EventSelection::parse("", "").matches(task_event("anything.at_all", "")));
}

TEST(EventSelection, ServiceFiltersTaskEventsOnly) {
  const auto selection = EventSelection::parse("", "billing");
  EXPECT_TRUE(selection.matches(task_event("task.completed", "billing")));
  EXPECT_FALSE(selection.matches(task_event("task.completed", "system")));
  EXPECT_TRUE(selection.matches(task_event("incident.created", "")));
}

TEST(EventSelection, RefusesWhatCannotBeAType) {
  std::string many;
  for (int i = 0; i < 33; ++i) many += "t" + std::to_string(i) + ",";
  for (const std::string& bad :
       {many, std::string(65, 'a'), std::string("Task.Completed"), std::string("task.\n"),
        std::string("task.*.x*y"), std::string("a b")}) {
    EXPECT_THROW(EventSelection::parse(bad, ""), AppError) << bad;
  }
  EXPECT_THROW(EventSelection::parse("", "bad service"), AppError);
  EXPECT_THROW(EventSelection::parse("", std::string(200, 's')), AppError);
  EXPECT_NO_THROW(EventSelection::parse("task.*,,user.login,", "system"));
}

TEST(EventVisibility, TasksAreTheirSubmittersUnlessAdmin) {
  Principal alice;
  alice.name = "alice";
  alice.permissions = {"tasks:read"};
  Principal bob = alice;
  bob.name = "bob";
  Principal admin;
  admin.admin = true;
  Principal no_read;
  no_read.name = "alice";
  const auto event = task_event("task.completed", "system", "alice");
  EXPECT_TRUE(may_see(alice, event));
  EXPECT_FALSE(may_see(bob, event));
  EXPECT_TRUE(may_see(admin, event));
  EXPECT_FALSE(may_see(no_read, event));
}

TEST(EventVisibility, OtherKindsNeedTheirReadPermission) {
  Principal reader;
  reader.permissions = {"incidents:read"};
  EXPECT_TRUE(may_see(reader, task_event("incident.created", "")));
  EXPECT_FALSE(may_see(reader, task_event("plugin.loaded", "")));
  EXPECT_FALSE(may_see(reader, task_event("user.login", "")));
  EXPECT_FALSE(may_see(reader, task_event("workflow.completed", "")));
  reader.permissions = {"plugins:read", "users:read"};
  EXPECT_TRUE(may_see(reader, task_event("plugin.loaded", "")));
  EXPECT_TRUE(may_see(reader, task_event("user.login", "")));
}

}  // namespace
}  // namespace switchyard::api::events
