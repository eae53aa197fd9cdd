// The TaskConsumer's sorting of what it received (workers/received_window.hpp),
// without a broker: decodable deliveries form the window in order, with their
// tags and envelopes as one JSON array; the others wait for the Quarantine with
// their reason; a window with a redelivery runs task by task.
#include "received_window.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <vector>

#include "support/function_handler.hpp"

namespace switchyard::workers {
namespace {

using switchyard::testing::sample_task;

amqp::Delivery delivery(std::uint64_t tag, std::string body, bool redelivered = false) {
  amqp::Delivery d;
  d.tag = tag;
  d.body = std::move(body);
  d.redelivered = redelivered;
  return d;
}

amqp::Delivery task_delivery(std::uint64_t tag, const envelope::TaskEnvelope& task,
                             bool redelivered = false) {
  return delivery(tag, envelope::to_json(task), redelivered);
}

TEST(ReceivedWindow, KeepsTheDecodableTasksInOrderWithTheirTagsAndReplyAddresses) {
  const auto first = sample_task();
  const auto second = sample_task();
  std::vector<amqp::Delivery> deliveries{task_delivery(7, first), task_delivery(9, second)};
  deliveries[1].reply_to = "amq.rabbitmq.reply-to.x";
  ReceivedWindow window;
  window.sort(deliveries);
  ASSERT_EQ(window.tasks().size(), 2u);
  EXPECT_EQ(window.tasks()[0].task.id, first.id);
  EXPECT_EQ(window.tasks()[1].task.id, second.id);
  EXPECT_EQ(window.tasks()[0].body, envelope::to_json(first));
  EXPECT_EQ(window.tasks()[1].reply_to, "amq.rabbitmq.reply-to.x");
  EXPECT_EQ(window.tags(), (std::vector<std::uint64_t>{7, 9}));
  EXPECT_EQ(window.last_tag(), 9u);
  EXPECT_FALSE(window.redelivered());
  EXPECT_TRUE(window.undecodable().empty());
}

TEST(ReceivedWindow, GivesTheCompleterTheEnvelopesAsOneJsonArray) {
  std::vector<amqp::Delivery> deliveries{task_delivery(1, sample_task()),
                                         delivery(2, "not an envelope"),
                                         task_delivery(3, sample_task())};
  ReceivedWindow window;
  window.sort(deliveries);
  rapidjson::Document doc;
  doc.Parse(window.envelopes_json().c_str());
  ASSERT_FALSE(doc.HasParseError()) << window.envelopes_json();
  ASSERT_TRUE(doc.IsArray());
  ASSERT_EQ(doc.Size(), 2u);
  EXPECT_EQ(std::string(doc[1]["id"].GetString()), window.tasks()[1].task.id);
}

TEST(ReceivedWindow, LeavesAnUndecodableDeliveryWholeWithItsReasonAndOutOfTheWindow) {
  std::vector<amqp::Delivery> deliveries{delivery(4, R"({"id":"x"})"),
                                         task_delivery(5, sample_task())};
  deliveries[0].reply_to = "amq.rabbitmq.reply-to.y";
  ReceivedWindow window;
  window.sort(deliveries);
  ASSERT_EQ(window.undecodable().size(), 1u);
  const auto& bad = window.undecodable()[0];
  EXPECT_EQ(bad.delivery->tag, 4u);
  EXPECT_EQ(bad.delivery->body, R"({"id":"x"})") << "the Quarantine copies it as received";
  EXPECT_EQ(bad.delivery->reply_to, "amq.rabbitmq.reply-to.y");
  EXPECT_FALSE(bad.reason.empty());
  EXPECT_EQ(window.tags(), std::vector<std::uint64_t>{5});
  EXPECT_EQ(window.last_tag(), 5u);
}

TEST(ReceivedWindow, IsEmptyWhenNothingDecodes) {
  std::vector<amqp::Delivery> deliveries{delivery(1, ""), delivery(2, "[]")};
  ReceivedWindow window;
  window.sort(deliveries);
  EXPECT_TRUE(window.tasks().empty());
  EXPECT_EQ(window.last_tag(), 0u);
  EXPECT_EQ(window.undecodable().size(), 2u);
  EXPECT_EQ(window.envelopes_json(), "[]");
}

TEST(ReceivedWindow, RunsTaskByTaskWhenAnyDecodableDeliveryWasHandedOutBefore) {
  std::vector<amqp::Delivery> deliveries{task_delivery(1, sample_task()),
                                         task_delivery(2, sample_task(), /*redelivered=*/true)};
  ReceivedWindow window;
  window.sort(deliveries);
  EXPECT_TRUE(window.redelivered());

  std::vector<amqp::Delivery> only_bad_redelivered{task_delivery(3, sample_task()),
                                                   delivery(4, "junk", /*redelivered=*/true)};
  window.sort(only_bad_redelivered);
  EXPECT_FALSE(window.redelivered()) << "an undecodable redelivery never runs";
}

TEST(ReceivedWindow, StartsOverOnEachSort) {
  std::vector<amqp::Delivery> first{task_delivery(1, sample_task(), true), delivery(2, "junk")};
  ReceivedWindow window;
  window.sort(first);
  const auto task = sample_task();
  std::vector<amqp::Delivery> second{task_delivery(3, task)};
  window.sort(second);
  ASSERT_EQ(window.tasks().size(), 1u);
  EXPECT_EQ(window.tasks()[0].task.id, task.id);
  EXPECT_EQ(window.tags(), std::vector<std::uint64_t>{3});
  EXPECT_FALSE(window.redelivered());
  EXPECT_TRUE(window.undecodable().empty());
  EXPECT_EQ(window.envelopes_json(), "[" + envelope::to_json(task) + "]");
}

}  // namespace
}  // namespace switchyard::workers
