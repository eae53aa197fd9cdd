// EventRing: ids increase, a resume inside the window gets exactly the events
// after its id, one outside (evicted, or never given) gets nullopt (a reset).
#include "events/event_ring.hpp"

#include <gtest/gtest.h>

#include "received_event.hpp"

namespace switchyard::api::events {
namespace {

TEST(EventRing, IdsIncreaseFromTheFirst) {
  EventRing ring(10, std::chrono::seconds(300), 1000);
  EXPECT_EQ(ring.append(received_event("a"))->id, 1000u);
  EXPECT_EQ(ring.append(received_event("b"))->id, 1001u);
  EXPECT_EQ(ring.last_id(), 1001u);
}

TEST(EventRing, AfterReturnsExactlyTheLaterEvents) {
  EventRing ring(10, std::chrono::seconds(300), 1);
  for (const char* type : {"a", "b", "c", "d"}) ring.append(received_event(type));
  const auto missed = ring.after(2);
  ASSERT_TRUE(missed.has_value());
  ASSERT_EQ(missed->size(), 2u);
  EXPECT_EQ((*missed)[0]->type, "c");
  EXPECT_EQ((*missed)[1]->type, "d");
  EXPECT_TRUE(ring.after(4)->empty());  // up to date
}

TEST(EventRing, AnIdOutsideTheWindowIsAReset) {
  EventRing ring(3, std::chrono::seconds(300), 1);
  for (int i = 0; i < 6; ++i) ring.append(received_event("e"));  // keeps 4, 5, 6
  EXPECT_FALSE(ring.after(1).has_value());                       // 2 and 3 were evicted
  ASSERT_TRUE(ring.after(3).has_value());                        // 4 is still there
  EXPECT_EQ(ring.after(3)->size(), 3u);
  EXPECT_FALSE(ring.after(99).has_value());  // never given by this process
}

TEST(EventRing, OldEventsLeaveTheWindow) {
  EventRing ring(100, std::chrono::seconds(1), 1);
  auto old = received_event("old");
  old.received -= std::chrono::seconds(5);
  ring.append(std::move(old));
  ring.append(received_event("new"));
  EXPECT_FALSE(ring.after(0).has_value());  // the old one is gone: missed
  EXPECT_EQ(ring.after(1)->size(), 1u);
}

}  // namespace
}  // namespace switchyard::api::events
