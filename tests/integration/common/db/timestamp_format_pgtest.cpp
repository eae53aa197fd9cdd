// rfc3339, the timestamp format of every JSON answer (migrations 0001, 0030): the
// same text whatever the session's time zone, date style and locale, and inlined
// into the statements that call it (a call PostgreSQL cannot inline is parsed and
// planned again by every statement that makes it).
#include <gtest/gtest.h>

#include <string>

#include "rolled_back_test.hpp"

namespace switchyard::testing {
namespace {

class TimestampFormat : public RolledBackTest {};

TEST_F(TimestampFormat, IsUtcWithMillisecondsWhateverTheSessionSettings) {
  for (const char* zone : {"UTC", "Asia/Tokyo", "America/St_Johns"}) {
    tx().exec0(std::string("SET LOCAL TimeZone = '") + zone + "'");
    tx().exec0("SET LOCAL DateStyle = 'German, DMY'");
    tx().exec0("SET LOCAL lc_time = 'C'");
    EXPECT_EQ(tx().exec1("SELECT rfc3339('2024-01-15 10:30:00.1234+00')")[0].as<std::string>(),
              "2024-01-15T10:30:00.123Z")
        << zone;
    EXPECT_EQ(tx().exec1("SELECT rfc3339('2023-12-31 23:59:59.999-02')")[0].as<std::string>(),
              "2024-01-01T01:59:59.999Z")
        << zone;
  }
  EXPECT_TRUE(tx().exec1("SELECT rfc3339(NULL) IS NULL")[0].as<bool>());
}

TEST_F(TimestampFormat, IsInlinedIntoTheCallingStatement) {
  std::string plan;
  for (const auto& row :
       tx().exec("EXPLAIN (VERBOSE, COSTS OFF) SELECT rfc3339(t) FROM (VALUES (now())) v(t)")) {
    plan += row[0].as<std::string>() + "\n";
  }
  EXPECT_NE(plan.find("to_char"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("rfc3339"), std::string::npos) << plan;
}

}  // namespace
}  // namespace switchyard::testing
