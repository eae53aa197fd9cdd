// The Dispatcher (workers/dispatcher.hpp): one handler per service and action,
// found by the pair, and the services the worker subscribes to.
#include "dispatcher.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "support/function_handler.hpp"

namespace switchyard::workers {
namespace {

using switchyard::testing::handler;

std::string answer(TaskContext&) { return "{}"; }

TEST(Dispatcher, FindsTheHandlerRegisteredForAServiceAndAction) {
  Dispatcher dispatcher;
  auto owned = handler(answer);
  TaskHandler* registered = owned.get();
  dispatcher.add({"system", "noop"}, std::move(owned));
  dispatcher.add({"system", "sleep"}, handler(answer));
  EXPECT_EQ(dispatcher.find("system", "noop"), registered);
  EXPECT_NE(dispatcher.find("system", "sleep"), registered);
}

TEST(Dispatcher, FindsNothingForAPairNobodyServes) {
  Dispatcher dispatcher;
  dispatcher.add({"system", "noop"}, handler(answer));
  EXPECT_EQ(dispatcher.find("system", "sleep"), nullptr);
  EXPECT_EQ(dispatcher.find("tracker", "noop"), nullptr);
  EXPECT_EQ(dispatcher.find("", ""), nullptr);
}

TEST(Dispatcher, RefusesASecondHandlerForOnePair) {
  Dispatcher dispatcher;
  dispatcher.add({"system", "noop"}, handler(answer));
  EXPECT_THROW(dispatcher.add({"system", "noop"}, handler(answer)), std::logic_error);
}

TEST(Dispatcher, ListsEachServedServiceOnce) {
  Dispatcher dispatcher;
  EXPECT_TRUE(dispatcher.services().empty());
  dispatcher.add({"system", "noop"}, handler(answer));
  dispatcher.add({"system", "sleep"}, handler(answer));
  dispatcher.add({"tracker", "events"}, handler(answer));
  EXPECT_EQ(dispatcher.services(), (std::set<std::string>{"system", "tracker"}));
}

}  // namespace
}  // namespace switchyard::workers
