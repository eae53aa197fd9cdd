#include "test_servers.hpp"

#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <pqxx/pqxx>
#include <stdexcept>
#include <thread>

#include "db/database_bootstrap.hpp"
#include "http_client.hpp"

namespace switchyard::testing {
namespace {

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(fmt::format("{} is not set: run this test through ctest", name));
  }
  return value;
}

}  // namespace

std::string test_database_url() { return required_env("SWITCHYARD_TEST_DATABASE_URL"); }
std::string test_broker_url() { return required_env("SWITCHYARD_TEST_BROKER_URL"); }
std::string test_management_url() { return required_env("SWITCHYARD_TEST_MGMT_URL"); }
std::string build_dir() { return required_env("SWITCHYARD_BUILD_DIR"); }
std::string source_dir() { return required_env("SWITCHYARD_SOURCE_DIR"); }

std::string fresh_database(const std::string& name) {
  const std::string base = test_database_url();
  pqxx::connection admin(db::with_database(base, "postgres"));
  pqxx::nontransaction tx(admin);
  tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name) + " WITH (FORCE)");
  tx.exec0("CREATE DATABASE " + tx.quote_name(name));
  return db::with_database(base, name);
}

void drop_vhost(const std::string& name) {
  HttpClient management(test_management_url());
  management.request("DELETE", "/api/vhosts/" + name);
}

std::string fresh_vhost(const std::string& name) {
  HttpClient management(test_management_url());
  management.request("DELETE", "/api/vhosts/" + name);
  const auto created = management.request("PUT", "/api/vhosts/" + name, "{}",
                                          {{"Content-Type", "application/json"}});
  if (created.status / 100 != 2) {
    throw std::runtime_error(
        fmt::format("cannot create vhost {}: {} {}", name, created.status, created.body));
  }
  const auto granted = management.request("PUT", "/api/permissions/" + name + "/guest",
                                          R"({"configure":".*","write":".*","read":".*"})",
                                          {{"Content-Type", "application/json"}});
  if (granted.status / 100 != 2) {
    throw std::runtime_error(fmt::format("cannot grant vhost {}: {}", name, granted.status));
  }
  const std::string broker = test_broker_url();
  return broker.substr(0, broker.rfind('/') + 1) + name;
}

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool run_test_servers(const std::string& command) {
  const std::string script = source_dir() + "/scripts/test-servers.sh " + command + " >/dev/null";
  return std::system(script.c_str()) == 0;
}

}  // namespace switchyard::testing
