#include "logging/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "logging/json_log_formatter.hpp"
#include "logging/log_context.hpp"

namespace switchyard::logging {
namespace {

// `%*` of the text pattern: the thread's LogContext as trailing key=value fields.
class ContextFields final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const LogContext& context = current_context();
    auto append = [&](std::string_view text) {
      dest.append(text.data(), text.data() + text.size());
    };
    if (!context.task_id().empty()) {
      append(" task_id=");
      append(context.task_id());
    }
    if (context.trace().valid()) {
      append(" trace_id=");
      append(context.trace().trace_id());
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<ContextFields>();
  }
};

}  // namespace

std::optional<LogFormat> parse_log_format(std::string_view text) {
  if (text == "text") return LogFormat::kText;
  if (text == "json") return LogFormat::kJson;
  return std::nullopt;
}

void init(const std::string& process_name, const std::string& level, LogFormat format) {
  auto logger = spdlog::stderr_logger_mt(process_name);
  if (format == LogFormat::kJson) {
    logger->set_formatter(std::make_unique<JsonLogFormatter>(process_name));
  } else {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<ContextFields>('*').set_pattern(
        "%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %n[%P] %v%*");
    logger->set_formatter(std::move(formatter));
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace switchyard::logging
