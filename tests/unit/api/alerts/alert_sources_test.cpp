// The alert sources file (api/alerts/alert_sources.hpp, config/alerts.yaml): a
// signing source's entry is read whole, with Grafana's defaults, and a weak or
// misspelled one stops the API naming the line.
#include "alerts/alert_sources.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"

namespace switchyard::api::alerts {
namespace {

TEST(AlertSources, ASigningSourceKeepsItsSecretHeadersAndWindow) {
  const auto sources = AlertSources::parse(R"(sources:
  grafana:
    signature:
      secret: grafana-signing-secret
      timestamp_header: X-Grafana-Alerting-Timestamp
      max_age_seconds: 60
)",
                                           "alerts.yaml", {});
  const auto& signature = sources.at("grafana").signature;
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(signature->signing.secret, "grafana-signing-secret");
  EXPECT_EQ(signature->header, "X-Grafana-Alerting-Signature");
  EXPECT_EQ(signature->timestamp_header, "X-Grafana-Alerting-Timestamp");
  EXPECT_TRUE(signature->signing.timestamped);
  EXPECT_EQ(signature->signing.window, std::chrono::seconds(60));
  EXPECT_FALSE(sources.at("alertmanager").signature.has_value());
}

TEST(AlertSources, AnUnstampedSignatureSignsTheBodyAlone) {
  const auto sources = AlertSources::parse(
      "sources:\n  generic:\n    signature: {secret: a-long-enough-secret, header: X-Sig}\n",
      "alerts.yaml", {});
  EXPECT_EQ(sources.at("generic").signature->header, "X-Sig");
  EXPECT_FALSE(sources.at("generic").signature->signing.timestamped);
}

TEST(AlertSources, AWeakOrMisspelledSignatureStopsTheApiNamingItsLine) {
  for (const std::string entry :
       {"{secret: short}", "{secret: a-long-enough-secret, header: \"\"}",
        "{secret: a-long-enough-secret, max_age_seconds: 0}",
        "{secret: a-long-enough-secret, timestamp: X-T}", "yes"}) {
    try {
      AlertSources::parse("sources:\n  grafana:\n    signature: " + entry + "\n", "alerts.yaml", {});
      ADD_FAILURE() << "accepted: " << entry;
    } catch (const config::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("alerts.yaml:3"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace switchyard::api::alerts
