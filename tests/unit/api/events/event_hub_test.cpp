// EventHub: a resume finds exactly the missed events of this process; an id of
// another API process (or of this one's previous run) is a reset, however many
// events either has numbered.
#include "events/event_hub.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "received_event.hpp"

namespace switchyard::api::events {
namespace {

std::shared_ptr<Subscription> admin_subscription() {
  Principal admin;
  admin.admin = true;
  return std::make_shared<Subscription>(admin, EventSelection{}, 100000, [] {});
}

// The id the hub gave its latest event, as a subscriber would have received it.
std::uint64_t published(EventHub& hub, const char* type) {
  auto watcher = admin_subscription();
  hub.join(watcher, std::nullopt);
  hub.publish(received_event(type));
  const auto taken = watcher->take();
  hub.leave(watcher);
  return taken.at(0)->id;
}

TEST(EventHub, IdsAreBelowTwoToTheFiftyThree) {
  EventHub hub;
  EXPECT_LT(published(hub, "a"), std::uint64_t{1} << 53);
}

TEST(EventHub, AResumeGetsTheMissedEventsOfThisProcess) {
  EventHub hub;
  const std::uint64_t seen = published(hub, "a");
  hub.publish(received_event("b"));
  hub.publish(received_event("c"));
  const auto joined = hub.join(admin_subscription(), seen);
  EXPECT_FALSE(joined.reset);
  ASSERT_EQ(joined.replay.size(), 2u);
  EXPECT_EQ(joined.replay[0]->type, "b");
  EXPECT_EQ(joined.replay[1]->type, "c");
}

TEST(EventHub, AnIdOfAnotherProcessIsAReset) {
  // Two API processes started together; the second has numbered many events.
  EventHub first;
  const std::uint64_t theirs = published(first, "first's");
  for (int attempt = 0; attempt < 3; ++attempt) {
    EventHub second;
    for (int i = 0; i < 5000; ++i) second.publish(received_event("second's"));
    const std::uint64_t ours = published(second, "second's");
    if (ours >> 37 == theirs >> 37) continue;  // the same tag: once in 65,536
    const auto joined = second.join(admin_subscription(), theirs);
    EXPECT_TRUE(joined.reset) << "the first process's id " << theirs << " replayed "
                              << joined.replay.size() << " of the second's events (ours " << ours
                              << ")";
    return;
  }
  FAIL() << "every process got the same ids";
}

}  // namespace
}  // namespace switchyard::api::events
