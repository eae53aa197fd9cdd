// libFuzzer target: the listener's reading of ledger and lifecycle messages
// (listener/ledger_writer.hpp add_to_window), no database. The first byte picks the
// routing key (even: the ledger queue's batches of queued envelopes, odd: a
// lifecycle event), the rest is the body, added twice to one window as two
// deliveries; a batch sorted kItemByItem is then cut into items with
// json::array_items and each added with add_queued_item, as the consumer does.
// Findings: an exception, a crash or sanitizer report, or a window that
// write_window could not store whole: its queued and outcome arrays must be JSON
// arrays of objects whose "id" is exactly a UUID, without a raw NUL byte, else
// one message costs the ledger rows of every other message in its window.
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "amqp/topology.hpp"
#include "envelope/task_id.hpp"
#include "fuzz_check.hpp"
#include "json/shallow_scan.hpp"
#include "ledger_writer.hpp"

namespace {

using switchyard::fuzz::check;

void check_records(std::string text, const char* what) {
  // libpq sends the window as a NUL-terminated text parameter: records after a
  // raw NUL byte would vanish without an error.
  check(text.find('\0') == std::string::npos,
        std::string("the window's ") + what + " hold a NUL byte");
  text.push_back(']');  // as write_window closes it
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  check(!doc.HasParseError() && doc.IsArray(),
        std::string("the window's ") + what + " are not a JSON array");
  for (const auto& record : doc.GetArray()) {
    check(record.IsObject(), std::string("one of the window's ") + what + " is not an object");
    const auto id = record.FindMember("id");
    check(id != record.MemberEnd() && id->value.IsString() &&
              switchyard::envelope::is_valid_uuid(
                  std::string_view(id->value.GetString(), id->value.GetStringLength())),
          std::string("one of the window's ") + what + " has an id that is not a UUID");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  switchyard::amqp::Delivery delivery;
  delivery.routing_key = data[0] % 2 == 0 ? switchyard::amqp::kLedgerQueue : "task.succeeded";
  delivery.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  using switchyard::listener::Sorted;
  switchyard::listener::LedgerWindow window;
  const Sorted sorted = switchyard::listener::add_to_window(window, delivery);
  switchyard::listener::add_to_window(window, delivery);
  if (sorted == Sorted::kItemByItem) {
    const auto items = switchyard::json::array_items(delivery.body);
    for (const std::string_view item : items.value_or(std::vector<std::string_view>{})) {
      switchyard::listener::LedgerWindow single;
      switchyard::listener::add_queued_item(single, item);
      check_records(single.queued, "queued records");
    }
  }
  check_records(window.queued, "queued records");
  check_records(window.outcomes, "outcomes");
  for (const auto& id : window.cancellations) {
    check(switchyard::envelope::is_valid_uuid(id), "a cancellation's id is not a UUID");
  }
  return 0;
}
