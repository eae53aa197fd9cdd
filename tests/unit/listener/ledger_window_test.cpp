// The listener's sorting of ledger and lifecycle messages into a window
// (listener/ledger_writer.hpp add_to_window, add_queued_item), without a database:
// what it adds must leave the window a JSON array of records whose id is a UUID,
// or write_window fails for every message of the window.
// The last three tests are inputs found by make fuzz (tests/fuzz/ledger_message_fuzz.cpp,
// issue 14).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "amqp/topology.hpp"
#include "envelope/task_id.hpp"
#include "ledger_writer.hpp"

namespace switchyard::listener {
namespace {

using namespace std::string_literals;

constexpr const char* kRecord =
    R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","service":"system","action":"noop"})";

amqp::Delivery ledger(std::string body) {
  amqp::Delivery delivery;
  delivery.routing_key = amqp::kLedgerQueue;
  delivery.body = std::move(body);
  return delivery;
}

amqp::Delivery event(std::string body) {
  amqp::Delivery delivery;
  delivery.routing_key = "task.succeeded";
  delivery.body = std::move(body);
  return delivery;
}

// Whether `records` closed as write_window closes it is a JSON array of objects
// whose "id" is exactly a UUID, and PostgreSQL receives all of it.
testing::AssertionResult storable(std::string records) {
  // libpq sends the window as a NUL-terminated text parameter: what follows a raw
  // NUL byte would vanish without an error.
  if (records.find('\0') != std::string::npos) {
    return testing::AssertionFailure() << "a raw NUL byte in: " << records;
  }
  records.push_back(']');
  rapidjson::Document doc;
  doc.Parse(records.data(), records.size());
  if (doc.HasParseError() || !doc.IsArray()) {
    return testing::AssertionFailure() << "not a JSON array: " << records;
  }
  for (const auto& record : doc.GetArray()) {
    const bool has_uuid_id = record.IsObject() && record.HasMember("id") &&
                             record["id"].IsString() &&
                             envelope::is_valid_uuid(std::string_view(
                                 record["id"].GetString(), record["id"].GetStringLength()));
    if (!has_uuid_id)
      return testing::AssertionFailure() << "a record without a UUID id: " << records;
  }
  return testing::AssertionSuccess();
}

TEST(LedgerWindow, AddsTheRecordsOfTwoBatchesAsOneArray) {
  LedgerWindow window;
  ASSERT_EQ(add_to_window(window, ledger("["s + kRecord + "," + kRecord + "]")), Sorted::kAdded);
  ASSERT_EQ(add_to_window(window, ledger("["s + kRecord + "]")), Sorted::kAdded);
  EXPECT_EQ(window.queued_count, 2U);
  EXPECT_TRUE(storable(window.queued));
}

TEST(LedgerWindow, WritesABatchNestedPastTheEnvelopeLimitItemByItem) {
  LedgerWindow window;
  EXPECT_EQ(add_to_window(window, ledger(std::string(200'000, '['))), Sorted::kItemByItem);
  EXPECT_EQ(add_to_window(window, event(std::string(200'000, '['))), Sorted::kUnknown);
  EXPECT_EQ(window.queued_count, 0U);
}

TEST(LedgerWindow, KeepsTheWindowAnArrayWhenABatchHasSpaceAroundIt) {
  LedgerWindow window;
  const Sorted sorted = add_to_window(window, ledger(" ["s + kRecord + "] \n"));
  EXPECT_TRUE(sorted != Sorted::kAdded || storable(window.queued));
}

TEST(LedgerWindow, KeepsTheWindowAnArrayWhenBytesFollowANul) {
  // RapidJSON stops reading at a NUL byte after the value; the window keeps the
  // NUL, and libpq would drop every record added after it without an error.
  LedgerWindow window;
  const Sorted batch = add_to_window(window, ledger("["s + kRecord + "]\0x"s));
  EXPECT_TRUE(batch != Sorted::kAdded || storable(window.queued));
  const Sorted outcome = add_to_window(
      window,
      event(R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057","status":"failed"})"s + "\0x"s));
  EXPECT_TRUE(outcome != Sorted::kAdded || storable(window.outcomes));
}

TEST(LedgerWindow, RefusesAnIdThatIsAUuidOnlyUpToANul) {
  // is_valid_uuid(GetString()) reads up to the NUL; PostgreSQL refuses the whole id.
  const std::string id = R"("01890a5d-ac96-774b-bcce-b302099a8057\u0000x")";
  LedgerWindow window;
  const Sorted batch = add_to_window(window, ledger(R"([{"id":)" + id + "}]"));
  EXPECT_TRUE(batch != Sorted::kAdded || storable(window.queued));
  const Sorted outcome = add_to_window(window, event(R"({"id":)" + id + R"(,"status":"failed"})"));
  EXPECT_TRUE(outcome != Sorted::kAdded || storable(window.outcomes));
  LedgerWindow single;
  EXPECT_FALSE(add_queued_item(single, R"({"id":)" + id + "}"));
}

TEST(LedgerWindow, SortsACancellationAndALifecycleEventIntoTheirParts) {
  LedgerWindow window;
  const std::string id = "01890a5d-ac96-774b-bcce-b302099a8057";
  EXPECT_EQ(add_to_window(window, event(R"({"cancel":")" + id + R"("})")), Sorted::kAdded);
  EXPECT_EQ(add_to_window(window, event(R"({"id":")" + id + R"(","status":"succeeded"})")),
            Sorted::kAdded);
  EXPECT_EQ(add_to_window(window, event(R"({"id":")" + id + R"(","status":"failed"})")),
            Sorted::kAdded);
  EXPECT_EQ(window.cancellations, std::vector<std::string>{id});
  EXPECT_EQ(window.outcome_count, 2U);
  EXPECT_TRUE(storable(window.outcomes));
  EXPECT_EQ(window.queued_count, 0U);
}

TEST(LedgerWindow, LeavesOutMessagesOfNoKnownKind) {
  LedgerWindow window;
  EXPECT_EQ(add_to_window(window, event("not json")), Sorted::kUnknown);
  EXPECT_EQ(add_to_window(window, event("[]")), Sorted::kUnknown) << "a batch only from the ledger";
  EXPECT_EQ(add_to_window(window, event(R"({"cancel":"not-a-uuid"})")), Sorted::kUnknown);
  EXPECT_EQ(add_to_window(window, event(R"({"id":"not-a-uuid","status":"failed"})")),
            Sorted::kUnknown);
  EXPECT_EQ(add_to_window(window, event(R"({"status":"failed"})")), Sorted::kUnknown);
  EXPECT_EQ(add_to_window(window, event(R"({"id":"01890a5d-ac96-774b-bcce-b302099a8057"})")),
            Sorted::kUnknown);
  EXPECT_EQ(add_to_window(window, ledger("42")), Sorted::kUnknown);
  EXPECT_EQ(window.outcome_count + window.queued_count + window.cancellations.size(), 0U);
}

TEST(LedgerWindow, WritesALedgerBatchWithAnUnreadableRecordItemByItem) {
  LedgerWindow window;
  EXPECT_EQ(add_to_window(window, ledger("["s + kRecord + R"(,{"id":"nope"}])")),
            Sorted::kItemByItem);
  EXPECT_EQ(add_to_window(window, ledger("[" + std::string(kRecord))), Sorted::kItemByItem);
  EXPECT_EQ(window.queued_count, 0U) << "nothing of such a batch joins the window";
}

TEST(LedgerWindow, AddsNothingForAnEmptyBatch) {
  LedgerWindow window;
  EXPECT_EQ(add_to_window(window, ledger("[ ]")), Sorted::kAdded);
  EXPECT_EQ(window.queued_count, 0U);
  EXPECT_TRUE(storable(window.queued));
}

TEST(LedgerWindow, AddsOneRecordOfABatchAloneOnlyWhenItIsOne) {
  LedgerWindow window;
  EXPECT_TRUE(add_queued_item(window, kRecord));
  EXPECT_TRUE(add_queued_item(window, kRecord));
  EXPECT_FALSE(add_queued_item(window, R"({"id":"nope"})"));
  EXPECT_FALSE(add_queued_item(window, "[]"));
  EXPECT_EQ(window.queued_count, 2U);
  EXPECT_TRUE(storable(window.queued));
}

}  // namespace
}  // namespace switchyard::listener
