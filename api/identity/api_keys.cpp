#include "identity/api_keys.hpp"

#include <fmt/format.h>

#include <regex>

#include "config/clients_config.hpp"
#include "domain/identity/identity_kinds.hpp"
#include "http/request_fields.hpp"
#include "identity/grant_check.hpp"
#include "json/json_fields.hpp"
#include "security/key_digest.hpp"
#include "security/random_token.hpp"
#include "storage/identity/credentials_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

constexpr std::size_t kKeyBytes = 32;

AppError invalid(std::string_view field, std::string_view message) {
  return AppError(ErrorCode::kUnprocessable, "Validation failed", field_error(field, message));
}

}  // namespace

void ApiKeys::list(RequestContext& context) {
  const int skip = query_int(context, "skip", 0, 0, 1'000'000'000);
  const int limit = query_int(context, "limit", 20, 1, 100);
  const std::string keys = pool_.read([&](pqxx::read_transaction& tx) {
    return storage::identity::list_api_keys(tx, skip, limit);
  });
  context.responder.json(Http::Code::Ok, keys);
}

void ApiKeys::create(RequestContext& context) {
  static const std::regex kName(R"(^[A-Za-z0-9_.-]{1,64}$)");
  auto fields = string_fields(context);
  const std::string name = fields["name"];
  const std::string role = fields.count("role") ? fields["role"] : "client";
  const std::string client = fields["client"];
  if (!std::regex_match(name, kName)) {
    throw invalid("name", "must be 1 to 64 letters, digits, '_', '.' or '-'");
  }
  const auto key_role = config::parse_key_role(role);
  if (!key_role) throw invalid("role", "must be admin, client or reader");
  if (role == "client" && client.empty()) {
    throw invalid("client", "a client key needs the client it is limited to");
  }
  if (client.size() > 128) throw invalid("client", "must be at most 128 characters");
  require_grant(domain::refuse_key_grant(grantor_of(*context.principal), *key_role));
  const std::string key = "sy_" + security::random_hex_token(kKeyBytes);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::string_field(w, "name", name);
  json::string_field(w, "digest", security::sha256_hex(key));
  json::string_field(w, "role", role);
  // An admin key sees every client; a reader key without a client reads them all.
  json::string_field(w, "client", role == "admin" ? "" : client);
  w.Key("caller_admin");
  w.Bool(context.principal->admin);
  w.EndObject();
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kCreateApiKey, {buffer.GetString(), buffer.GetSize()},
                context.principal->name, [key](Responder& r, const std::string& stored) {
                  // The one time the key is shown: appended to the stored view.
                  std::string body = stored;
                  body.pop_back();
                  body += R"(,"key":")" + key + "\"}";
                  r.json(Http::Code::Created, body);
                });
}

void ApiKeys::revoke(RequestContext& context) {
  const std::int64_t id = path_id(context, "key_id");
  const auto snapshot = cache_.snapshot();
  for (const auto& [digest, key] : snapshot->api_keys) {
    if (key.id == id && key.role == config::KeyRole::kAdmin) {
      require_grant(
          domain::refuse_admin_change(grantor_of(*context.principal), "revoke an admin API key"));
    }
  }
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kRevokeApiKey,
                fmt::format(R"({{"id":{},{}}})", id, caller_admin_field(*context.principal)),
                context.principal->name,
                [](Responder& r, const std::string& key) { r.json(Http::Code::Ok, key); });
}

}  // namespace switchyard::api
