// The alert sources file (api/alerts/alert_sources.hpp, config/alerts.yaml): a
// signing source's entry is read whole, with Grafana's defaults, and a weak or
// misspelled one stops the API naming the line.
#include "alerts/alert_sources.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"
#include "support/test_servers.hpp"

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
  for (const std::string entry : {"{secret: short}", "{secret: a-long-enough-secret, header: \"\"}",
                                  "{secret: a-long-enough-secret, max_age_seconds: 0}",
                                  "{secret: a-long-enough-secret, timestamp: X-T}", "yes"}) {
    try {
      AlertSources::parse("sources:\n  grafana:\n    signature: " + entry + "\n", "alerts.yaml",
                          {});
      ADD_FAILURE() << "accepted: " << entry;
    } catch (const config::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("alerts.yaml:3"), std::string::npos) << e.what();
    }
  }
}

// ENV=production refuses the development file's open sources, naming the
// source and its secret's variable; closed and signing sources pass.
TEST(AlertSources, ProductionRefusesASourceOpenToAnyone) {
  const std::string closed =
      "sources:\n"
      "  alertmanager: {secret: s3cret, allow_unauthenticated: false}\n"
      "  grafana: {allow_unauthenticated: true, signature: {secret: a-long-enough-secret}}\n";
  EXPECT_NO_THROW(
      AlertSources::parse(closed, "alerts.yaml", {}).refuse_open_sources("alerts.yaml"));
  EXPECT_NO_THROW(AlertSources::parse("", "alerts.yaml", {}).refuse_open_sources("alerts.yaml"));

  const auto open = AlertSources::parse(
      closed + "  events_v2: {secret: s3cret, allow_unauthenticated: true}\n", "alerts.yaml", {});
  try {
    open.refuse_open_sources("alerts.yaml");
    ADD_FAILURE() << "an open source passed";
  } catch (const config::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("events_v2"), std::string::npos) << message;
    EXPECT_NE(message.find("ALERTS_EVENTS_V2_SECRET"), std::string::npos) << message;
  }
}

// The shipped development file is open: production must not run with it.
TEST(AlertSources, TheShippedDevelopmentFileIsRefusedInProduction) {
  config::Settings settings;
  settings.alerts_config_file = testing::source_dir() + "/config/alerts.yaml";
  EXPECT_NO_THROW(AlertSources::load(settings));
  settings.production = true;
  EXPECT_THROW(AlertSources::load(settings), config::ConfigError);
}

}  // namespace
}  // namespace switchyard::api::alerts
