#pragma once
// API keys are stored as SHA-256 digests (hex) and compared in constant time, so
// neither clients.yaml nor a timing probe reveals a key.
#include <string>
#include <string_view>

namespace switchyard::security {

std::string sha256_hex(std::string_view text);

// Constant-time equality of two hex digests of the same length.
bool digests_equal(std::string_view a, std::string_view b);

}  // namespace switchyard::security
