// system.noop: succeeds at once with the payload as its result.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "system/system_tasks.hpp"

namespace switchyard::workers::system {

class NoopHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override { return context.task.payload_json; }
};

void register_noop_handler(Dispatcher& dispatcher) {
  dispatcher.add(kinds::system::kNoop, std::make_unique<NoopHandler>());
}

}  // namespace switchyard::workers::system
