#include "counter/counters.hpp"

#include <fmt/format.h>

#include "counter/counter_kinds.hpp"
#include "counter/counter_repository.hpp"
#include "errors/app_error.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"

namespace switchyard::example::counter {
namespace {

constexpr std::int64_t kMaxStep = 1'000'000;

std::string counter_name(const api::RequestContext& context) {
  std::string name = api::path_string(context, "name");
  if (name.empty() || name.size() > 100) {
    throw AppError(ErrorCode::kValidation, "name: 1 to 100 characters",
                   api::field_error("name", "must be 1 to 100 characters"));
  }
  return name;
}

}  // namespace

void Counters::answer(api::Responder& responder, const std::string& name) {
  const auto counter =
      pool_.read([&](pqxx::read_transaction& tx) { return find_counter(tx, name); });
  if (!counter) throw AppError(ErrorCode::kNotFound, "counter " + name + " not found");
  responder.json(
      Pistache::Http::Code::Ok,
      fmt::format(R"({{"name":{},"value":{}}})", json::quoted(counter->name), counter->value));
}

void Counters::increment(api::RequestContext& context) {
  const std::string name = counter_name(context);
  const rapidjson::Document body = api::json_object_body(context);
  std::int64_t by = 1;
  if (body.HasMember("by")) {
    const auto& value = body["by"];
    if (!value.IsInt64() || value.GetInt64() < 1 || value.GetInt64() > kMaxStep) {
      throw AppError(ErrorCode::kValidation, "by: an integer from 1 to 1000000",
                     api::field_error("by", "must be an integer from 1 to 1000000"));
    }
    by = value.GetInt64();
  }
  auto responder = context.answer_later();
  writer_.write(responder, kinds::counter::kIncrement,
                fmt::format(R"({{"name":{},"by":{}}})", json::quoted(name), by),
                context.caller_name(),
                [this, name](api::Responder& r, const std::string&) { answer(r, name); });
}

void Counters::get(api::RequestContext& context) {
  answer(context.responder, counter_name(context));
}

}  // namespace switchyard::example::counter
