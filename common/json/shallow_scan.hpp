#pragma once
// Reading the outline of JSON text without a recursive parse: how deep it nests,
// the items of a top-level array, the members of a top-level object. One linear
// pass each, no allocation but the returned views, safe on any bytes.
//
// Consumers use these before (or instead of) RapidJSON's recursive parser, whose
// stack a deeply nested message would overflow: a worker or listener must be able
// to cut a batch into its items and read a task's id even when one item is
// hostile, so that one bad item never costs the others. The scanner trusts
// nothing but does not validate either: each piece it returns is parsed properly
// afterwards; text that is not JSON gives nullopt or meaningless pieces, never a
// crash.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switchyard::json {

// True when `text` opens more than `limit` arrays/objects inside one another
// (brackets inside strings do not count). Stops reading at the first excess.
bool nests_deeper_than(std::string_view text, std::size_t limit);

// The raw text of each item of a top-level JSON array, in order; nullopt when
// `text` is not an array (after whitespace) or its brackets do not balance.
std::optional<std::vector<std::string_view>> array_items(std::string_view text);

// Raw key (without quotes, escapes left as written) and raw value text of each
// member of a top-level JSON object; nullopt when `text` is not an object.
std::optional<std::vector<std::pair<std::string_view, std::string_view>>> object_members(
    std::string_view text);

// The string value of the top-level member `key` of an object, read without a full
// parse of the rest; nullopt when absent or not a JSON string.
std::optional<std::string> top_level_string(std::string_view text, std::string_view key);

}  // namespace switchyard::json
