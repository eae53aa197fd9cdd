#include "identity/auth_tokens.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "domain/identity/identity_kinds.hpp"
#include "http/request_fields.hpp"
#include "identity/accounts.hpp"
#include "json/json_fields.hpp"
#include "security/key_digest.hpp"
#include "security/random_token.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

constexpr std::size_t kTokenBytes = 20;  // 40 hex characters, as IMAS's tokens

}  // namespace

void AuthTokens::create(RequestContext& context) {
  auto fields = string_fields(context);
  const std::string username = fields["username"];
  const std::string password = fields["password"];
  if (username.empty() || password.empty()) {
    throw AppError(
        ErrorCode::kValidation, "Validation failed",
        field_error(username.empty() ? "username" : "password", "This field is required."));
  }
  auto responder = context.answer_later();
  post_answering(blocking_, responder, [=, this] {
    try {
      const auto account = verify_login(pool_, throttle_, username, password);
      const std::string token = security::random_hex_token(kTokenBytes);
      const std::string payload = fmt::format(R"({{"user_id":{},"digest":"{}"}})", account.user_id,
                                              security::sha256_hex(token));
      writer_.write(
          responder, kinds::identity::kCreateToken, payload,
          "user:" + std::to_string(account.user_id), [=](Responder& r, const std::string&) {
            r.json(Http::Code::Ok,
                   fmt::format(R"({{"token":"{}","user_id":{},"username":{},"created":true}})",
                               token, account.user_id, json::quoted(account.username)));
          });
    } catch (const AppError& e) {
      // IMAS names a wrong login "Invalid credentials".
      if (e.code() != ErrorCode::kUnauthorized) throw;
      throw AppError(ErrorCode::kUnauthorized, "Invalid credentials");
    }
  });
}

void AuthTokens::revoke(RequestContext& context) {
  const Principal& principal = *context.principal;
  if (!principal.token_digest) {
    throw AppError(ErrorCode::kValidation,
                   "Token authentication required: send Authorization: Token <token>");
  }
  auto responder = context.answer_later();
  writer_.write(responder, kinds::identity::kRevokeToken,
                fmt::format(R"({{"digest":"{}"}})", *principal.token_digest), principal.name,
                [](Responder& r, const std::string&) {
                  r.json(Http::Code::Ok, R"({"message":"Token revoked successfully"})");
                });
}

void AuthTokens::verify(RequestContext& context) {
  const Principal& principal = *context.principal;
  if (principal.kind != Principal::Kind::kUser) {
    throw AppError(ErrorCode::kValidation,
                   "Token authentication required: send Authorization: Token <token>");
  }
  context.responder.json(Http::Code::Ok,
                         fmt::format(R"({{"valid":true,"user_id":{},"username":{}}})",
                                     principal.user_id, json::quoted(principal.username)));
}

}  // namespace switchyard::api
