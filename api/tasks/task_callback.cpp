#include "tasks/task_callback.hpp"

#include <fmt/format.h>

#include "errors/app_error.hpp"
#include "net/callback_url.hpp"

namespace switchyard::api {
namespace {

AppError callback_error(std::string_view message) {
  return AppError(ErrorCode::kValidation, fmt::format("callback_url {}", message),
                  fmt::format(R"([{{"field":"callback_url","message":"{}"}}])", message));
}

}  // namespace

std::optional<std::string> callback_url_for(const rapidjson::Document& body,
                                            const Principal* principal,
                                            const config::ClientsConfig& clients,
                                            bool allow_private) {
  std::optional<std::string> url;
  if (auto field = body.FindMember("callback_url"); field != body.MemberEnd()) {
    url.emplace(field->value.GetString(), field->value.GetStringLength());
  } else if (principal != nullptr && !principal->client.empty()) {
    const auto client = clients.callbacks.clients.find(principal->client);
    if (client != clients.callbacks.clients.end() && !client->second.url.empty()) {
      url = client->second.url;
    }
  }
  if (!url) return std::nullopt;
  if (auto refused = net::refuse_callback_url(*url, allow_private)) throw callback_error(*refused);
  if (clients.callback_secret(principal != nullptr ? principal->name : "").empty()) {
    throw callback_error("cannot be signed: this deployment has no callbacks.secret");
  }
  return url;
}

}  // namespace switchyard::api
