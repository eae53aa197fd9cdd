#pragma once
// A configuration that cannot be used. The message always names where the bad value
// came from (file and line, or environment variable) so the operator can fix it.
#include <stdexcept>
#include <string>

namespace switchyard::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace switchyard::config
