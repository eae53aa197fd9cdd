// system.noop: succeeds at once with the payload as its result.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "system/system_handlers.hpp"

namespace switchyard::workers::system {

class NoopHandler final : public TaskHandler {
 public:
  std::string handle(TaskContext& context) override { return context.task.payload_json; }
};

std::unique_ptr<TaskHandler> make_noop() { return std::make_unique<NoopHandler>(); }

}  // namespace switchyard::workers::system
