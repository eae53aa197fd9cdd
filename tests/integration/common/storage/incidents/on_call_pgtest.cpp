// Who is on call (migration 0016's incident_on_call(), teams_repository's
// `upcoming`): turns hand over at rotation_start's wall-clock time in the team's
// time zone, so across a daylight-saving change the handover moves in UTC and
// stays at 09:00 local; nobody is on call before the rotation starts or without
// members; an override wins over the rotation for its range, the latest created
// where two overlap.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "rolled_back_test.hpp"
#include "storage/incidents/teams_repository.hpp"

namespace switchyard::testing {
namespace {

namespace repo = storage::incidents;

constexpr const char* kTeam = "0b3f5c2e-6d1a-4e8b-9c7d-2a1b3c4d5e6f";

class OnCall : public RolledBackTest {
 protected:
  void SetUp() override {
    alice_ = add_user("alice");
    bob_ = add_user("bob");
    carol_ = add_user("carol");
    // Paris went from UTC+1 to UTC+2 on Sunday 2026-03-29: the turn starting
    // Monday 2026-03-30 at 09:00 local starts at 07:00 UTC, a week after the one
    // of 2026-03-23 at 08:00 UTC.
    tx().exec_params0(
        "INSERT INTO incident_teams (id, name, time_zone, rotation_start, shift_days) "
        "VALUES ($1, 'SRE Core', 'Europe/Paris', '2026-03-23 09:00', 7)",
        kTeam);
    set_members({alice_, bob_, carol_});
  }

  std::int64_t add_user(const std::string& name) {
    return tx()
        .exec_params1(
            "INSERT INTO users (email, username, full_name, password_hash) "
            "VALUES ($1 || '@example.com', $1, $1, 'x') RETURNING id",
            name)[0]
        .as<std::int64_t>();
  }

  void set_members(const std::vector<std::int64_t>& members) {
    tx().exec_params0("DELETE FROM incident_team_members WHERE team_id = $1", kTeam);
    for (std::size_t i = 0; i < members.size(); ++i) {
      tx().exec_params0(
          "INSERT INTO incident_team_members (team_id, position, user_id) VALUES ($1, $2, $3)",
          kTeam, static_cast<int>(i + 1), members[i]);
    }
  }

  void add_override(std::int64_t user, const std::string& starts_at, const std::string& ends_at,
                    const std::string& created_at) {
    tx().exec_params0(
        "INSERT INTO incident_on_call_overrides (id, team_id, user_id, starts_at, ends_at, "
        "created_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)",
        kTeam, user, starts_at, ends_at, created_at);
  }

  // Who is on call at `at`; nullopt for nobody.
  std::optional<std::int64_t> on_call(const std::string& at) {
    const auto row = tx().exec_params1(
        "SELECT incident_on_call(t, $2::timestamptz) FROM incident_teams t WHERE t.id = $1", kTeam,
        at);
    if (row[0].is_null()) return std::nullopt;
    return row[0].as<std::int64_t>();
  }

  std::int64_t alice_ = 0, bob_ = 0, carol_ = 0;
};

TEST_F(OnCall, NobodyIsOnCallBeforeTheRotationStarts) {
  EXPECT_EQ(on_call("2026-03-23T07:59:59Z"), std::nullopt);
  EXPECT_EQ(on_call("2026-03-23T08:00:00Z"), alice_);
}

TEST_F(OnCall, TurnsHandOverAtTheLocalWallClockTimeAcrossADaylightSavingChange) {
  EXPECT_EQ(on_call("2026-03-30T06:59:59Z"), alice_);  // 08:59:59 in Paris
  EXPECT_EQ(on_call("2026-03-30T07:00:00Z"), bob_);    // 09:00 in Paris
  EXPECT_EQ(on_call("2026-04-06T07:00:00Z"), carol_);
  EXPECT_EQ(on_call("2026-04-13T06:59:59Z"), carol_);
  EXPECT_EQ(on_call("2026-04-13T07:00:00Z"), alice_);  // around again
  // Back to UTC+1 on 2026-10-25: the handover is at 08:00 UTC again.
  const auto before = on_call("2026-10-26T07:59:59Z");
  EXPECT_NE(on_call("2026-10-26T08:00:00Z"), before);
}

TEST_F(OnCall, NobodyIsOnCallWithoutMembersOrRotationStart) {
  set_members({});
  EXPECT_EQ(on_call("2026-04-01T12:00:00Z"), std::nullopt);
  set_members({bob_});
  EXPECT_EQ(on_call("2026-04-01T12:00:00Z"), bob_);
  tx().exec_params0("UPDATE incident_teams SET rotation_start = NULL WHERE id = $1", kTeam);
  EXPECT_EQ(on_call("2026-04-01T12:00:00Z"), std::nullopt);
}

TEST_F(OnCall, AnOverrideWinsForItsRangeAndTheLatestCreatedWinsAnOverlap) {
  add_override(carol_, "2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z", "2026-03-01T00:00:00Z");
  EXPECT_EQ(on_call("2026-03-30T23:59:59Z"), bob_);
  EXPECT_EQ(on_call("2026-03-31T00:00:00Z"), carol_);
  EXPECT_EQ(on_call("2026-04-01T00:00:00Z"), bob_);  // the end is not covered
  add_override(alice_, "2026-03-31T12:00:00Z", "2026-03-31T13:00:00Z", "2026-03-02T00:00:00Z");
  EXPECT_EQ(on_call("2026-03-31T12:30:00Z"), alice_);
  EXPECT_EQ(on_call("2026-03-31T13:00:00Z"), carol_);
  // An override needs no rotation.
  set_members({});
  EXPECT_EQ(on_call("2026-03-31T06:00:00Z"), carol_);
}

TEST_F(OnCall, TheDetailListsTheNextFourHandoversAtTheLocalTime) {
  const auto json = repo::find_team_json(tx(), kTeam);
  ASSERT_TRUE(json);
  rapidjson::Document team;
  team.Parse(json->c_str());
  const auto& rotation = team["on_call"];
  EXPECT_STREQ(rotation["time_zone"].GetString(), "Europe/Paris");
  EXPECT_STREQ(rotation["rotation_start"].GetString(), "2026-03-23T09:00:00");
  EXPECT_EQ(rotation["shift_days"].GetInt(), 7);
  ASSERT_EQ(rotation["members"].Size(), 3u);
  EXPECT_STREQ(rotation["members"][1]["username"].GetString(), "bob");
  const auto& upcoming = rotation["upcoming"];
  ASSERT_EQ(upcoming.Size(), 4u);
  std::optional<std::int64_t> previous_user;
  std::string previous_start;
  for (const auto& handover : upcoming.GetArray()) {
    const std::string starts_at = handover["starts_at"].GetString();
    EXPECT_GT(starts_at, previous_start);
    // Each handover is the turn's owner at that time, at 09:00 in Paris, after now.
    EXPECT_EQ(on_call(starts_at), handover["user"]["id"].GetInt64()) << starts_at;
    EXPECT_NE(previous_user, handover["user"]["id"].GetInt64());
    const auto check = tx().exec_params1(
        "SELECT to_char($1::timestamptz AT TIME ZONE 'Europe/Paris', 'HH24:MI:SS'), "
        "$1::timestamptz > now()",
        starts_at);
    EXPECT_EQ(check[0].as<std::string>(), "09:00:00") << starts_at;
    EXPECT_TRUE(check[1].as<bool>()) << starts_at;
    previous_start = starts_at;
    previous_user = handover["user"]["id"].GetInt64();
  }
}

TEST_F(OnCall, TheDetailShowsCurrentAndFutureOverridesOnly) {
  add_override(carol_, "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z", "2019-12-01T00:00:00Z");
  add_override(bob_, "2099-01-01T00:00:00Z", "2099-01-02T00:00:00Z", "2019-12-01T00:00:00Z");
  rapidjson::Document team;
  team.Parse(repo::find_team_json(tx(), kTeam)->c_str());
  const auto& overrides = team["on_call"]["overrides"];
  ASSERT_EQ(overrides.Size(), 1u);
  EXPECT_STREQ(overrides[0]["user"]["username"].GetString(), "bob");
  EXPECT_STREQ(overrides[0]["starts_at"].GetString(), "2099-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace switchyard::testing
