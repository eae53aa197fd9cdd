#pragma once
// The messages a task's outcome sends, decided from the outcome alone (no broker,
// no database): the retry policy's verdict on a failure with the retry (through
// the delay queues) or the dead letter it publishes, the reply to a caller
// waiting for the task, and its lifecycle event. The Completer records the
// outcomes and hands these on; the consumer publishes them.
#include <random>
#include <string>
#include <vector>

#include "amqp/confirmed_sender.hpp"
#include "amqp/delay_queues.hpp"
#include "completer.hpp"
#include "config/services_config.hpp"
#include "envelope/task_outcome.hpp"

namespace switchyard::workers {

// The next attempt of `item`, published to the delays exchange to wait `delay`;
// it carries the reply address, so that the last attempt answers a waiting caller.
amqp::OutgoingMessage retry_message(const WindowTask& item, const amqp::DelayStep& delay);

// A delayed task that came back before its run_at (docs/scheduling.md): the same
// message, same attempt, to wait `hop` more in the delay queues.
amqp::OutgoingMessage delay_hop_message(const WindowTask& item, const amqp::DelayStep& hop);

// A follow-up task a handler asked for (TaskContext::follow_ups), `body` being its
// envelope: to the tasks exchange, or, when its run_at is still ahead of `now`,
// to the delay queue of its first hop.
amqp::OutgoingMessage follow_up_message(const envelope::TaskEnvelope& task, std::string body,
                                        std::chrono::system_clock::time_point now);

// `task_view` (the task as the API shows it) to the dead-letters queue.
amqp::OutgoingMessage dead_letter(const std::string& id, std::string task_view);

// A failed outcome gets the retry policy's status (retrying, dead or failed) and
// its retry or dead letter is appended to `follow_ups`; any other outcome is left
// as it is.
void settle_failure(envelope::TaskOutcome& outcome, const WindowTask& source,
                    const config::RetryPolicy& policy, std::mt19937_64& rng,
                    std::vector<amqp::OutgoingMessage>& follow_ups);

// Appends the reply to the caller waiting on `source` (once the task is final:
// a retrying task answers from its last attempt) and the lifecycle event (when
// the outcome was `written` and the task `wants_events`), followed for a final
// state by task.completed with the same body.
void announce_outcome(const WindowTask& source, const envelope::TaskOutcome& outcome, bool written,
                      bool wants_events, std::vector<Announcement>& announcements);

}  // namespace switchyard::workers
