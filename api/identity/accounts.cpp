#include "identity/accounts.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>

#include "domain/email_address.hpp"
#include "domain/identity/identity_kinds.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"
#include "security/password_hash.hpp"
#include "storage/identity/accounts_repository.hpp"

namespace switchyard::api {
namespace {

namespace Http = Pistache::Http;

constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMaxPassword = 1024;  // Argon2id takes any length; a bound stops abuse

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void require_password_length(const char* field, const std::string& password) {
  if (password.size() < kMinPassword || password.size() > kMaxPassword) {
    throw AppError(
        ErrorCode::kUnprocessable, "Validation failed",
        field_error(field, fmt::format("must be {} to {} characters", kMinPassword, kMaxPassword)));
  }
}

}  // namespace

storage::identity::Credentials verify_login(db::ConnectionPool& pool, LoginThrottle& throttle,
                                            const std::string& login, const std::string& password) {
  const std::optional<storage::identity::Credentials> account = pool.read(
      [&](pqxx::read_transaction& tx) { return storage::identity::find_credentials(tx, login); });
  const std::string key =
      account ? LoginThrottle::account_key(account->user_id) : LoginThrottle::login_key(login);
  throttle.check(key, now_epoch());
  if (!account) {
    security::burn_verify_time(password);  // no timing difference for unknown accounts
    throttle.failed(key, now_epoch());
    throw AppError(ErrorCode::kUnauthorized, "Incorrect username or password");
  }
  if (!security::verify_password(account->password_hash, password)) {
    throttle.failed(key, now_epoch());
    throw AppError(ErrorCode::kUnauthorized, "Incorrect username or password");
  }
  if (!account->is_active) throw AppError(ErrorCode::kUnauthorized, "User inactive or deleted.");
  return *account;
}

std::string Accounts::token_body(std::int64_t user_id,
                                 std::optional<std::int64_t> signed_in_at) const {
  return fmt::format(R"({{"access_token":"{}","token_type":"bearer","expires_in":{}}})",
                     jwt_.issue(std::to_string(user_id), now_epoch(), signed_in_at),
                     jwt_.lifetime().count());
}

void Accounts::register_user(RequestContext& context) {
  if (!options_.registration_enabled) {
    throw AppError(ErrorCode::kForbidden,
                   "Registration is disabled on this deployment; ask an administrator");
  }
  auto fields = string_fields(context);
  const std::string email = fields["email"];
  const std::string password = fields["password"];
  const std::string full_name = fields["full_name"];
  // Without a username the account's own email is its username: the one
  // email-shaped username, since a sign-in with an email finds only that email.
  const std::string username = fields.count("username") ? fields["username"] : email;
  if (!domain::plausible_email(email)) {
    throw AppError(ErrorCode::kUnprocessable, "Validation failed",
                   field_error("email", "Invalid email format"));
  }
  if (fields.count("username") && username.find('@') != std::string::npos) {
    throw AppError(ErrorCode::kUnprocessable, "Validation failed",
                   field_error("username", "must not contain '@' (sign in with the email)"));
  }
  require_password_length("password", password);
  if (full_name.size() > 200 || username.empty() || username.size() > 254) {
    throw AppError(
        ErrorCode::kUnprocessable, "Validation failed",
        field_error(full_name.size() > 200 ? "full_name" : "username", "is too long or empty"));
  }
  auto responder = context.answer_later();
  post_answering(blocking_, responder, [=, this] {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("email");
    w.String(email.c_str(), static_cast<rapidjson::SizeType>(email.size()));
    w.Key("username");
    w.String(username.c_str(), static_cast<rapidjson::SizeType>(username.size()));
    w.Key("full_name");
    w.String(full_name.c_str(), static_cast<rapidjson::SizeType>(full_name.size()));
    const std::string hash = security::hash_password(password);
    w.Key("password_hash");
    w.String(hash.c_str(), static_cast<rapidjson::SizeType>(hash.size()));
    w.EndObject();
    writer_.write(responder, kinds::identity::kRegister, {buffer.GetString(), buffer.GetSize()},
                  "anonymous",
                  [](Responder& r, const std::string& user) { r.json(Http::Code::Created, user); });
  });
}

void Accounts::login(RequestContext& context) {
  auto fields = string_fields(context);
  const std::string login = fields["username"].empty() ? fields["email"] : fields["username"];
  const std::string password = fields["password"];
  if (login.empty() || password.empty()) {
    throw AppError(ErrorCode::kUnprocessable, "Validation failed",
                   field_error(login.empty() ? "username" : "password", "is required"));
  }
  auto responder = context.answer_later();
  post_answering(blocking_, responder, [=, this] {
    const auto account = verify_login(pool_, throttle_, login, password);
    // The new account may be younger than this process's identity snapshot.
    if (!cache_.snapshot()->users.count(account.user_id)) cache_.refresh_now();
    writer_.write_detached(kinds::identity::kRecordLogin,
                           fmt::format(R"({{"user_id":{}}})", account.user_id),
                           "user:" + std::to_string(account.user_id));
    responder->json(Http::Code::Ok, token_body(account.user_id));
  });
}

void Accounts::me(RequestContext& context) {
  const Principal& principal = *context.principal;
  if (principal.kind == Principal::Kind::kApiKey) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("id");
    w.Null();
    w.Key("name");
    w.String(principal.name.c_str());
    w.Key("kind");
    w.String("api_key");
    w.Key("client");
    if (principal.client.empty()) {
      w.Null();
    } else {
      w.String(principal.client.c_str());
    }
    w.Key("roles");
    w.StartArray();
    const std::string_view role = config::to_string(principal.key_role);
    w.String(role.data(), static_cast<rapidjson::SizeType>(role.size()));
    w.EndArray();
    w.Key("permissions");
    w.StartArray();
    for (const auto& p : principal.permissions) w.String(p.c_str());
    w.EndArray();
    w.EndObject();
    context.responder.json(Http::Code::Ok, {buffer.GetString(), buffer.GetSize()});
    return;
  }
  const auto me = pool_.read([&](pqxx::read_transaction& tx) {
    return storage::identity::find_me(tx, principal.user_id);
  });
  if (!me) throw AppError(ErrorCode::kUnauthorized, "Invalid token: unknown user");
  context.responder.json(Http::Code::Ok, *me);
}

void Accounts::refresh(RequestContext& context) {
  const Principal& principal = *context.principal;
  if (principal.kind != Principal::Kind::kUser) {
    throw AppError(ErrorCode::kForbidden, "Only a user's access token can be refreshed");
  }
  // A JWT passes on its sign-in's time, so a chain of refreshes ends
  // refresh_max_age after the password was last typed. An IMAS token, itself a
  // long-lived credential, starts a new chain.
  if (principal.signed_in_at &&
      now_epoch() - *principal.signed_in_at > options_.refresh_max_age.count()) {
    throw AppError(ErrorCode::kUnauthorized,
                   fmt::format("This sign-in is older than {} seconds: sign in again to get a "
                               "new token",
                               options_.refresh_max_age.count()));
  }
  context.responder.json(Http::Code::Ok, token_body(principal.user_id, principal.signed_in_at));
}

void Accounts::change_password(RequestContext& context) {
  const Principal& principal = *context.principal;
  if (principal.kind != Principal::Kind::kUser) {
    throw AppError(ErrorCode::kForbidden, "Only a user has a password to change");
  }
  auto fields = string_fields(context);
  const std::string current = fields["current_password"];
  const std::string next = fields["new_password"];
  if (current.empty()) {
    throw AppError(ErrorCode::kUnprocessable, "Validation failed",
                   field_error("current_password", "is required"));
  }
  require_password_length("new_password", next);
  const std::int64_t user_id = principal.user_id;
  auto responder = context.answer_later();
  post_answering(blocking_, responder, [=, this] {
    const std::optional<storage::identity::Credentials> account =
        pool_.read([&](pqxx::read_transaction& tx) {
          return storage::identity::find_credentials(tx, user_id);
        });
    if (!account) throw AppError(ErrorCode::kUnauthorized, "Invalid token: unknown user");
    // A stolen token must not become a way around the per-account guess limit.
    const std::string key = LoginThrottle::account_key(user_id);
    throttle_.check(key, now_epoch());
    if (!security::verify_password(account->password_hash, current)) {
      throttle_.failed(key, now_epoch());
      throw AppError(ErrorCode::kUnprocessable, "Validation failed",
                     field_error("current_password", "is incorrect"));
    }
    const std::string payload =
        fmt::format(R"({{"user_id":{},"password_hash":{},"changed_at":{}}})", user_id,
                    json::quoted(security::hash_password(next)), now_epoch());
    // Every earlier access token is refused from now on, the caller's too: the
    // answer carries a fresh one.
    writer_.write(responder, kinds::identity::kSetPassword, payload,
                  "user:" + std::to_string(user_id),
                  [this, user_id](Responder& r, const std::string&) {
                    r.json(Http::Code::Ok, token_body(user_id));
                  });
  });
}

}  // namespace switchyard::api
