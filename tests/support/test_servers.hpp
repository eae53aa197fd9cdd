#pragma once
// Access to the throwaway servers of scripts/test-servers.sh (started by the ctest
// fixture), and isolation on them: each test binary works in its own fresh
// database and vhost, so tests never see each other's rows or queues.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace switchyard::testing {

// URLs from SWITCHYARD_TEST_DATABASE_URL / _BROKER_URL / _MGMT_URL; throws when
// the test runs outside ctest (no servers).
std::string test_database_url();
std::string test_broker_url();
std::string test_management_url();

// Drops (if present) and creates database `name` on the test PostgreSQL; returns
// its URL.
std::string fresh_database(const std::string& name);

// Deletes (if present) and creates vhost `name` on the test RabbitMQ, with full
// rights for guest; returns its amqp:// URL.
std::string fresh_vhost(const std::string& name);

// Deletes vhost `name` and everything in it. Test stacks drop theirs when done:
// every vhost holds some twenty quorum queues, and a shared test broker loaded
// with a whole suite's worth of them stopped accepting connections.
void drop_vhost(const std::string& name);

// The build and source trees (SWITCHYARD_BUILD_DIR / SWITCHYARD_SOURCE_DIR).
std::string build_dir();
std::string source_dir();

// Runs `scripts/test-servers.sh <command>` (e.g. stop-db, start-broker); true on
// success. For outage tests.
bool run_test_servers(const std::string& command);

// A TCP port free on 127.0.0.1 right now.
std::uint16_t free_port();

// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether
// it held. Tests wait with this, never with bare sleeps.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace switchyard::testing
