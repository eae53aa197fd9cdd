#pragma once
// PluginSource: brings a plugin's files from where an admin said they are into a
// folder of the worker's host (docs/plugins.md#install). A source is
//   - a local folder holding plugin.yaml: copied (symlinks copied as links, a
//     `.git` folder left out);
//   - a local git repository (a folder with `.git`, or a bare one), or a git URL
//     (https://, ssh://, git://, file://, user@host:path): `git clone --depth 1`,
//     run without a shell, `--` before the source, no terminal prompt; the
//     clone's `.git` is removed (the installed plugin is its files).
// A source starting with `-`, holding control characters, past 2000 characters or
// naming a git transport helper (`ext::…`) is refused before anything runs.
// Throws SourceError naming what went wrong.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace switchyard::workers::plugins {

class SourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Refuses a source that may never be fetched (above); nothing is read.
void check_source_text(const std::string& source);

// Fills `into` (which must not exist) from `source`.
void fetch_source(const std::string& source, const std::filesystem::path& into);

}  // namespace switchyard::workers::plugins
