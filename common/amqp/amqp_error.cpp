#include "amqp/amqp_error.hpp"

#include <fmt/format.h>

namespace switchyard::amqp {

void check_status(int status, std::string_view context) {
  if (status != AMQP_STATUS_OK) {
    throw AmqpError(fmt::format("{}: {}", context, amqp_error_string2(status)));
  }
}

std::string describe_reply(const amqp_rpc_reply_t& reply) {
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
      return "ok";
    case AMQP_RESPONSE_NONE:
      return "missing RPC reply";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return amqp_error_string2(reply.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      switch (reply.reply.id) {
        case AMQP_CONNECTION_CLOSE_METHOD: {
          const auto* m = static_cast<const amqp_connection_close_t*>(reply.reply.decoded);
          return fmt::format(
              "connection closed by the broker: {} {}", m->reply_code,
              std::string_view(static_cast<const char*>(m->reply_text.bytes), m->reply_text.len));
        }
        case AMQP_CHANNEL_CLOSE_METHOD: {
          const auto* m = static_cast<const amqp_channel_close_t*>(reply.reply.decoded);
          return fmt::format(
              "channel closed by the broker: {} {}", m->reply_code,
              std::string_view(static_cast<const char*>(m->reply_text.bytes), m->reply_text.len));
        }
        default:
          return fmt::format("unexpected broker method 0x{:08x}", reply.reply.id);
      }
  }
  return "unknown reply";
}

void check_reply(const amqp_rpc_reply_t& reply, std::string_view context) {
  if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
    throw AmqpError(fmt::format("{}: {}", context, describe_reply(reply)));
  }
}

}  // namespace switchyard::amqp
