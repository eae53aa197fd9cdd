#include "security/random_token.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace switchyard::security {

std::string random_hex_token(std::size_t bytes) {
  if (bytes == 0) throw std::invalid_argument("a random token needs at least one byte");
  // sodium_init must precede randombytes_buf; a function-local static runs it once, even when
  // several threads ask for their first token together.
  static const bool sodium_ready = sodium_init() >= 0;
  if (!sodium_ready) throw std::runtime_error("libsodium failed to initialise");
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  std::string hex(bytes * 2 + 1, '\0');  // sodium_bin2hex writes a terminating NUL
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  hex.pop_back();
  return hex;
}

}  // namespace switchyard::security
