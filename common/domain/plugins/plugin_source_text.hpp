#pragma once
// The checks of an install's `source` text that need no file (docs/plugins.md#install),
// made by the API (400 naming `source`) and again by the worker before it fetches.
#include <optional>
#include <string>

namespace switchyard::domain::plugins {

// Why `source` may never be fetched, or nullopt: empty, past 2000 characters,
// starting with `-` (it would be an option of git), holding control characters,
// or naming a git transport helper (`ext::…`).
std::optional<std::string> source_text_problem(const std::string& source);

}  // namespace switchyard::domain::plugins
