#pragma once
// User passwords are stored as Argon2id hashes in libsodium's encoded form ("$argon2id$v=19$..."),
// which carries its own salt and cost parameters: a stolen table costs an attacker a slow,
// memory-hard guess per password and per user, and hashes made with older parameters still
// verify while password_needs_rehash reports them for upgrade at the next login.
#include <string>
#include <string_view>

namespace switchyard::security {

// A fresh random salt each call, so equal passwords give different hashes. Throws
// std::runtime_error when libsodium cannot hash (it needs 64 MiB of memory).
std::string hash_password(std::string_view password);

// True when password matches encoded_hash. A malformed or foreign hash gives false, never an
// exception, so a damaged row refuses the login instead of failing the request.
bool verify_password(std::string_view encoded_hash, std::string_view password);

// True when encoded_hash is not Argon2id with today's cost parameters (or is malformed): the
// caller, holding the plaintext after a successful login, should store hash_password anew.
bool password_needs_rehash(std::string_view encoded_hash);

// Spends the time of one verify_password, for logins naming an unknown user: answering them
// faster than a wrong password would reveal which email addresses have accounts. The first call
// also hashes the stand-in password it verifies against, so it takes about twice as long.
void burn_verify_time(std::string_view password);

}  // namespace switchyard::security
