// PluginProcess (docs/plugins.md#exec-runtime): a command runs without a shell, in
// its folder, with only the environment it is given, its stdin fed; a timeout
// kills its whole process group, stdout past the cap kills it too, exit statuses
// and signals are told apart and stderr's tail is kept.
#include "plugins/plugin_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.hpp"

namespace switchyard::workers::plugins {
namespace {

using End = ProcessRun::End;
using namespace std::chrono_literals;

const std::vector<std::string> kEnv{"PATH=/usr/local/bin:/usr/bin:/bin", "ONLY=this"};

ProcessRun sh(const std::string& script, const std::string& input = "", ProcessLimits limits = {}) {
  return run_process({"sh", "-c", script}, "/", kEnv, input, limits);
}

TEST(PluginProcess, StdinIsFedAndStdoutCollectedInItsFolderWithOnlyItsEnvironment) {
  testing::TempDir dir;
  dir.write("marker", "");
  const auto run =
      run_process({"sh", "-c", "cat; ls; env | sort"}, dir.path().string(), kEnv, R"({"a":1})", {});
  ASSERT_EQ(run.end, End::kExited) << run.err_tail;
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find(R"({"a":1})"), std::string::npos);
  EXPECT_NE(run.out.find("marker"), std::string::npos);
  EXPECT_NE(run.out.find("ONLY=this"), std::string::npos);
  EXPECT_EQ(run.out.find("SWITCHYARD_TEST"), std::string::npos);
}

TEST(PluginProcess, ArgumentsAreNotReadByAShell) {
  const auto run = run_process({"echo", "$HOME; rm -rf /x", "`id`"}, "/", kEnv, "", {});
  ASSERT_EQ(run.end, End::kExited);
  EXPECT_EQ(run.out, "$HOME; rm -rf /x `id`\n");
}

TEST(PluginProcess, ATimeoutKillsTheWholeGroupAndSaysSo) {
  testing::TempDir dir;
  const auto pid_file = (dir.path() / "child").string();
  const auto run = sh("sleep 30 & echo $! > " + pid_file + "; wait", "", {200ms, 1 << 20});
  EXPECT_EQ(run.end, End::kTimedOut);
  std::ifstream in(pid_file);
  pid_t child = 0;
  in >> child;
  ASSERT_GT(child, 0);
  // The grandchild went with the group (a zombie reaped by init at worst).
  for (int i = 0; i < 200 && ::kill(child, 0) == 0; ++i) ::usleep(10'000);
  EXPECT_NE(::kill(child, 0), 0) << "sleep " << child << " outlived the timeout";
}

TEST(PluginProcess, OutputPastTheCapKillsIt) {
  const auto run = sh("yes", "", {10s, 1000});
  EXPECT_EQ(run.end, End::kOutputTooLarge);
  EXPECT_EQ(run.out.size(), 1000u);
}

TEST(PluginProcess, ExitStatusesSignalsAndStderrAreReported) {
  auto run = sh("echo bad thing >&2; exit 3");
  EXPECT_EQ(run.end, End::kExited);
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err_tail, "bad thing\n");
  run = sh("kill -9 $$");
  EXPECT_EQ(run.end, End::kSignaled);
  EXPECT_EQ(run.signal, SIGKILL);
  run = sh("head -c 10000 /dev/zero | tr '\\0' e >&2; exit 1");
  EXPECT_EQ(run.err_tail.size(), 4096u);
}

TEST(PluginProcess, AMissingProgramDoesNotStart) {
  const auto run = run_process({"no-such-program-here"}, "/", kEnv, "", {});
  EXPECT_EQ(run.end, End::kNotStarted);
  EXPECT_NE(run.err_tail.find("no-such-program-here"), std::string::npos);
}

TEST(PluginProcess, ALargeInputThatIsNotReadDoesNotBlock) {
  const auto run = sh("exit 0", std::string(4 << 20, 'x'), {5s, 1 << 20});
  EXPECT_EQ(run.end, End::kExited);
}

}  // namespace
}  // namespace switchyard::workers::plugins
