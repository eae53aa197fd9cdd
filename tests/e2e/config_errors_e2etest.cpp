// A process given a broken configuration stops at start with the file, the line
// and the reason, and exits 2 (no server is needed to see it).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "child_process.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

class ConfigErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(build_dir()) / "test-logs" / "config_errors";
    std::filesystem::create_directories(dir_);
  }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // Runs `binary` with the given config files; returns its exit code and log.
  std::pair<int, std::string> run(const std::string& binary, const std::string& services,
                                  const std::string& clients) {
    const std::string log = (dir_ / (binary + ".log")).string();
    std::filesystem::remove(log);
    ChildProcess process(build_dir() + "/" + binary, {},
                         {{"SERVICES_CONFIG_FILE", services},
                          {"CLIENTS_CONFIG_FILE", clients},
                          {"DATABASE_URL", "postgresql://postgres:postgres@127.0.0.1:1/none"},
                          {"BROKER_URL", "amqp://guest:guest@127.0.0.1:1/"},
                          {"API_PORT", "0"}},
                         log);
    const auto status = process.wait_exit(std::chrono::seconds(20));
    return {status.value_or(-1000), process.log()};
  }

  std::filesystem::path dir_;
};

TEST_F(ConfigErrors, BrokenYamlIsReportedWithItsLine) {
  const auto services = write("services.yaml",
                              "services:\n"
                              "  system:\n"
                              "    actions:\n"
                              "      noop: {}\n"
                              "   bad_indent: [\n");
  const auto clients = source_dir() + "/config/clients.yaml";
  for (const std::string binary : {"switchyard-api", "switchyard-worker"}) {
    const auto [code, log] = run(binary, services, clients);
    EXPECT_EQ(code, 2) << binary << ": " << log;
    EXPECT_NE(log.find("services.yaml:5:"), std::string::npos) << binary << ": " << log;
  }
}

TEST_F(ConfigErrors, UnknownKeyIsReportedWithItsLineAndTheKnownKeys) {
  const auto services = write("services.yaml",
                              "services:\n"
                              "  system:\n"
                              "    actions:\n"
                              "      noop: {}\n"
                              "    prefech: 10\n");
  const auto [code, log] = run("switchyard-api", services, source_dir() + "/config/clients.yaml");
  EXPECT_EQ(code, 2) << log;
  EXPECT_NE(log.find("services.yaml:5:5: unknown key \"prefech\""), std::string::npos) << log;
  EXPECT_NE(log.find("prefetch"), std::string::npos) << log;
}

TEST_F(ConfigErrors, ActionsTheWorkerDoesNotServeStopTheWorker) {
  const auto services = write("services.yaml",
                              "services:\n"
                              "  system:\n"
                              "    actions:\n"
                              "      noop: {}\n"
                              "      nap: {}\n");
  const auto [code, log] =
      run("switchyard-worker", services, source_dir() + "/config/clients.yaml");
  EXPECT_EQ(code, 2) << log;
  EXPECT_NE(log.find("system.nap is configured but no handler serves it"), std::string::npos)
      << log;
  EXPECT_NE(log.find("system.sleep has a handler but is not an action of service system"),
            std::string::npos)
      << log;
}

TEST_F(ConfigErrors, ClientsFileWithABadDigestStopsTheApi) {
  const auto clients = write("clients.yaml",
                             "api_keys:\n"
                             "  - name: x\n"
                             "    sha256: not-hex\n"
                             "    role: admin\n");
  const auto [code, log] = run("switchyard-api", source_dir() + "/config/services.yaml", clients);
  EXPECT_EQ(code, 2) << log;
  EXPECT_NE(log.find("clients.yaml:3:"), std::string::npos) << log;
}

}  // namespace
}  // namespace switchyard::testing
