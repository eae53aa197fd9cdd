#include "security/callback_signature.hpp"

#include "security/hmac_sha256.hpp"

namespace switchyard::security {

std::string callback_signature(std::string_view secret, std::string_view timestamp,
                               std::string_view body) {
  return "sha256=" + hmac_sha256_hex(secret, {timestamp, ".", body});
}

}  // namespace switchyard::security
