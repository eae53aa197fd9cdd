#pragma once
// Unguessable tokens (IMAS tokens, JWT ids) come from the operating system's CSPRNG through
// libsodium and are written as lowercase hex, so they pass through URLs, headers, JSON and SQL
// without escaping.
#include <cstddef>
#include <string>

namespace switchyard::security {

// 2 * bytes lowercase hex characters. Throws std::invalid_argument when bytes is 0: an empty
// token would be a guessable one.
std::string random_hex_token(std::size_t bytes);

}  // namespace switchyard::security
