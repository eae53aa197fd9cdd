#include "plugins/plugin_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "domain/plugins/plugin_source_text.hpp"
#include "plugins/plugin_process.hpp"

namespace switchyard::workers::plugins {
namespace {

namespace fs = std::filesystem;

bool is_git_url(const std::string& source) {
  static const std::regex kUrl("(https?|ssh|git|file)://.+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");
  return std::regex_match(source, kUrl);
}

void git_clone(const std::string& source, const fs::path& into) {
  const char* path = std::getenv("PATH");
  const std::vector<std::string> env{std::string("PATH=") + (path ? path : "/usr/bin:/bin"),
                                     "HOME=/nonexistent",
                                     "LANG=C",
                                     "GIT_TERMINAL_PROMPT=0",
                                     "GIT_CONFIG_NOSYSTEM=1",
                                     "GIT_ASKPASS=/bin/false"};
  const ProcessRun run = run_process({"git", "-c", "protocol.ext.allow=never", "clone", "--quiet",
                                      "--depth", "1", "--", source, into.string()},
                                     "/", env, "", {std::chrono::minutes(2), 1 << 16});
  if (run.end != ProcessRun::End::kExited || run.exit_code != 0) {
    std::string why = run.err_tail;
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    if (run.end == ProcessRun::End::kTimedOut) why = "git clone took longer than 2 minutes";
    throw SourceError(fmt::format("cannot clone {}: {}", source, why.substr(0, 500)));
  }
  // The installed plugin is its files, not a repository (as a copied folder is).
  fs::remove_all(into / ".git");
}

void copy_folder(const fs::path& from, const fs::path& into) {
  fs::create_directories(into);
  for (auto it = fs::directory_iterator(from); it != fs::directory_iterator(); ++it) {
    if (it->path().filename() == ".git") continue;
    fs::copy(it->path(), into / it->path().filename(),
             fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  }
}

}  // namespace

void check_source_text(const std::string& source) {
  if (auto problem = domain::plugins::source_text_problem(source)) {
    throw SourceError(*problem);
  }
}

void fetch_source(const std::string& source, const fs::path& into) {
  check_source_text(source);
  if (is_git_url(source)) {
    git_clone(source, into);
    return;
  }
  std::error_code ec;
  const fs::path from = fs::absolute(source, ec);
  if (ec || !fs::is_directory(from, ec)) {
    throw SourceError(fmt::format("{} is neither a readable folder nor a git URL", source));
  }
  const bool bare = fs::exists(from / "HEAD", ec) && fs::is_directory(from / "objects", ec);
  if (fs::exists(from / ".git", ec) || bare) {
    git_clone(from.string(), into);
    return;
  }
  try {
    copy_folder(from, into);
  } catch (const fs::filesystem_error& e) {
    throw SourceError(fmt::format("cannot copy source {}: {}", source, e.code().message()));
  }
}

}  // namespace switchyard::workers::plugins
