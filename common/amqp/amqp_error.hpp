#pragma once
// The one place where rabbitmq-c's error conventions (negative status codes and
// the three kinds of amqp_rpc_reply_t) become a typed exception.
#include <amqp.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace switchyard::amqp {

// The connection cannot be used any more: the owner must reconnect.
class AmqpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws AmqpError("<context>: <reason>") unless `status` is AMQP_STATUS_OK.
void check_status(int status, std::string_view context);

// Throws AmqpError unless `reply` is AMQP_RESPONSE_NORMAL; server exceptions name
// the reply code and text the broker sent (e.g. 404 NOT_FOUND - no queue 'x').
void check_reply(const amqp_rpc_reply_t& reply, std::string_view context);

std::string describe_reply(const amqp_rpc_reply_t& reply);

}  // namespace switchyard::amqp
