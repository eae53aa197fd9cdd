#include "domain/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace switchyard::domain {

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double jitter,
                                        std::mt19937_64& rng) {
  const int exponent = std::clamp(attempt - 1, 0, 40);
  const double raw = static_cast<double>(base.count()) * std::ldexp(1.0, exponent);
  const double capped = std::min(raw, static_cast<double>(cap.count()));
  std::uniform_real_distribution<double> spread(-jitter, jitter);
  const double delay =
      std::clamp(capped * (1.0 + spread(rng)), 0.0, static_cast<double>(cap.count()));
  return std::chrono::milliseconds(static_cast<long long>(std::llround(delay)));
}

}  // namespace switchyard::domain
