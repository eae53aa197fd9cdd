// counter.increment {"name", "by"}: adds `by` to the counter in the window's
// transaction, so the write commits with the task's outcome or not at all, and
// answers the counter. The API checked the payload; a malformed one is a caller
// error, never retried.
#include <fmt/format.h>

#include "counter/counter_repository.hpp"
#include "counter/counter_tasks.hpp"
#include "json/json_fields.hpp"

namespace switchyard::example::counter {
namespace {

class IncrementCounter final : public workers::TaskHandler {
 public:
  std::string handle(workers::TaskContext& context) override {
    const auto& payload = context.payload;
    if (!payload.IsObject() || !payload.HasMember("name") || !payload["name"].IsString() ||
        !payload.HasMember("by") || !payload["by"].IsInt64()) {
      throw workers::caller_error(domain::FailureKind::kValidation,
                                  "counter.increment needs {name, by}");
    }
    const Counter counter =
        add_to_counter(*context.transaction, payload["name"].GetString(), payload["by"].GetInt64());
    return fmt::format(R"({{"name":{},"value":{}}})", json::quoted(counter.name), counter.value);
  }
  bool uses_database() const override { return true; }
};

}  // namespace

void CounterTasks::add_to(workers::Dispatcher& dispatcher,
                          const workers::WorkerContext& /*context*/) {
  dispatcher.add(kinds::counter::kIncrement, std::make_unique<IncrementCounter>());
}

}  // namespace switchyard::example::counter
