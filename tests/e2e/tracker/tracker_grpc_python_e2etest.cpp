// The tracker's gRPC door from another language: Python stubs generated at test
// time from api/tracker/grpc/proto (protoc with Debian's grpc_python_plugin) and
// Debian's python3-grpcio (hence /usr/bin/python3, not whichever is first on
// PATH) call the lock, event and catalog services of a real
// stack, the standard health service and server reflection
// (tracker_grpc_client.py says what each step checks).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "temp_dir.hpp"
#include "test_servers.hpp"
#include "test_stack.hpp"

namespace switchyard::testing {
namespace {

// Runs `command` through the shell; its exit status and what it printed.
std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  return {::pclose(pipe), output};
}

TEST(TrackerGrpcPython, AGeneratedPythonClientCallsEveryService) {
  const std::string protos = source_dir() + "/api/tracker/grpc/proto";
  TempDir stubs;
  std::string files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(protos)) {
    if (entry.path().extension() == ".proto") files += " " + entry.path().string();
  }
  const auto [generated, protoc_output] =
      run("protoc -I " + protos + " --python_out=" + stubs.path().string() +
          " --grpc_python_out=" + stubs.path().string() +
          " --plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin" + files);
  ASSERT_EQ(generated, 0) << protoc_output;

  // A port the kernel hands out now: a fixed one in the ephemeral range can be a
  // client socket's (tracker_grpc_e2etest.cpp).
  const std::string grpc_port = std::to_string(free_port());
  TestStack stack({"tracker_grpc_python_e2e", 1, {{"GRPC_PORT", grpc_port}}});
  const auto [status, output] =
      run("PYTHONPATH=" + stubs.path().string() + " /usr/bin/python3 " + source_dir() +
          "/tests/e2e/tracker/tracker_grpc_client.py 127.0.0.1:" + grpc_port + " dev-admin-key");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("python client: all passed"), std::string::npos) << output;
}

}  // namespace
}  // namespace switchyard::testing
