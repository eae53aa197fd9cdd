#pragma once
// CORS for browser clients, off unless CORS_ALLOWED_ORIGINS lists origins (or "*").
// An allowed Origin gets Access-Control-Allow-Origin on every answer, and an
// OPTIONS preflight is answered 204 with the methods and headers the API reads.
#include <optional>
#include <string>
#include <vector>

#include "http/responder.hpp"

namespace switchyard::api {

class Cors {
 public:
  explicit Cors(const std::string& allowed_origins);  // comma-separated

  bool enabled() const { return any_ || !origins_.empty(); }
  // Adds the response headers when `origin` is allowed.
  void decorate(const std::optional<std::string>& origin, Responder& responder) const;
  // Answers a preflight; false when it is not one this policy accepts.
  bool answer_preflight(const std::optional<std::string>& origin, Responder& responder) const;

 private:
  bool allows(const std::string& origin) const;

  bool any_ = false;
  std::vector<std::string> origins_;
};

}  // namespace switchyard::api
