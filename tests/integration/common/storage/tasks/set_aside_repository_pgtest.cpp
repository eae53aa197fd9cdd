// Poison-message containment's writes (common/storage/tasks/set_aside_repository.hpp)
// on a migrated database, each test in a transaction rolled back at its end.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "envelope/task_id.hpp"
#include "storage/tasks/set_aside_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage {
namespace {

using domain::TaskStatus;

class SetAsideRepository : public testing::RolledBackTest {
 protected:
  pqxx::row task_row(const std::string& id) {
    return tx().exec_params1(
        "SELECT status, attempts, payload::text, error::text, jsonb_array_length(errors) "
        "FROM tasks WHERE id = $1::uuid",
        id);
  }
};

SetAsideTask poison(const std::string& id, TaskStatus status = TaskStatus::kFailed) {
  SetAsideTask task;
  task.id = id;
  task.service = "tracker";
  task.action = "create_event";
  task.submitted_by = "user:1";
  task.attempt = 2;
  task.status = status;
  task.error_type = "poison";
  task.reason = std::string("worker died\0 twice", 18);
  return task;
}

TEST_F(SetAsideRepository, ASetAsideTaskIsRecordedFinalWithoutItsPayload) {
  const std::string id = envelope::new_task_id();
  EXPECT_TRUE(record_set_aside(tx(), poison(id)));
  const pqxx::row row = task_row(id);
  EXPECT_EQ(row[0].as<std::string>(), "failed");
  EXPECT_EQ(row[1].as<int>(), 2);
  EXPECT_EQ(row[2].as<std::string>(), R"({"set_aside": true})");
  rapidjson::Document error;
  error.Parse(row[3].c_str());
  EXPECT_STREQ(error["type"].GetString(), "poison");
  EXPECT_STREQ(error["message"].GetString(), "worker died twice");  // NUL dropped
  EXPECT_EQ(row[4].as<int>(), 1);
}

TEST_F(SetAsideRepository, ATaskAlreadyPastThatAttemptIsLeftAlone) {
  const std::string id = envelope::new_task_id();
  ASSERT_TRUE(record_set_aside(tx(), poison(id, TaskStatus::kFailed)));
  EXPECT_FALSE(record_set_aside(tx(), poison(id, TaskStatus::kDead)));
  EXPECT_EQ(task_row(id)[0].as<std::string>(), "failed");
}

TEST_F(SetAsideRepository, StrikesCountPerAttemptAndAnswerTheCountBefore) {
  const std::string id = envelope::new_task_id();
  EXPECT_EQ(add_strike(tx(), id, 1), 0);
  EXPECT_EQ(add_strike(tx(), id, 1), 1);
  EXPECT_EQ(add_strike(tx(), id, 2), 0);
  clear_strikes(tx(), id);
  EXPECT_EQ(add_strike(tx(), id, 1), 0);
}

TEST_F(SetAsideRepository, AStrikeKeepsItsLastErrorStorable) {
  const std::string id = envelope::new_task_id();
  EXPECT_FALSE(last_strike_error(tx(), id, 1).has_value());
  add_strike(tx(), id, 1);
  EXPECT_FALSE(last_strike_error(tx(), id, 1).has_value());
  note_strike_error(tx(), id, 1, "bad \xFF byte");
  EXPECT_EQ(last_strike_error(tx(), id, 1), "bad \xEF\xBF\xBD byte");
}

TEST_F(SetAsideRepository, OnlyStrikesOlderThanTheRetentionArePurged) {
  const std::string old_id = envelope::new_task_id();
  const std::string new_id = envelope::new_task_id();
  add_strike(tx(), old_id, 1);
  add_strike(tx(), new_id, 1);
  tx().exec_params0(
      "UPDATE delivery_strikes SET updated_at = now() - interval '3 hours' WHERE task_id = $1",
      old_id);
  EXPECT_EQ(purge_strikes(tx(), 2), 1);
  EXPECT_EQ(add_strike(tx(), new_id, 1), 1);
  EXPECT_EQ(add_strike(tx(), old_id, 1), 0);
}

}  // namespace
}  // namespace switchyard::storage
