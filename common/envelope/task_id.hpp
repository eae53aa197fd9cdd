#pragma once
// Task ids are UUIDv7 (RFC 9562): time-ordered, so ids sort by submission time and
// serve as the cursor of task listings.
#include <cstdint>
#include <string>
#include <string_view>

namespace switchyard::envelope {

// A new UUIDv7 in canonical lowercase form. Thread-safe.
std::string new_task_id();

// The id of a task submitted with an idempotency key: a UUIDv8 (RFC 9562) made of
// SHA-256(client, key), so the same key from the same client always names the same
// task — also for two requests racing — and the workers' exactly-once check makes
// it one effect. Such ids are not time-ordered.
std::string idempotent_task_id(std::string_view client, std::string_view key);

// The task id of step `step_id` of workflow `workflow_id`: a UUIDv8 made of
// SHA-256(workflow, step) behind the workflow id's 48-bit timestamp, so every
// writer derives the same id (a redelivered parent never makes a second task)
// and a workflow's steps sort next to it.
std::string workflow_step_task_id(std::string_view workflow_id, std::string_view step_id);

// The task id of a schedule's fire at `fire_epoch_seconds`: a UUIDv8 made of
// SHA-256(fire_key, fire time) behind the fire time's 48-bit timestamp. The
// leader that fires and any leader after it derive the same id, so a fire
// published again (the leader died before recording it) is one task and, by the
// workers' exactly-once check, one effect (docs/scheduling.md).
std::string schedule_fire_task_id(std::string_view fire_key, std::int64_t fire_epoch_seconds);

// True for a canonical 36-character UUID (any version), either case.
bool is_valid_uuid(std::string_view text);

}  // namespace switchyard::envelope
