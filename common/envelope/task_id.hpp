#pragma once
// Task ids are UUIDv7 (RFC 9562): time-ordered, so ids sort by submission time and
// serve as the cursor of task listings.
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

// True for a canonical 36-character UUID (any version), either case.
bool is_valid_uuid(std::string_view text);

}  // namespace switchyard::envelope
