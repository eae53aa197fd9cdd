#pragma once
// StaticFolder: the files of one folder, read once at start and then served from
// memory by their path relative to the folder ("app.js", "pages/tasks.js").
//
// Reading everything at start (the folder is the console's ~100 KB of modules and
// styles) makes path safety a property of the lookup rather than of a check: a
// request never reaches the file system, so an encoded "..", an absolute path, a
// backslash, NUL or a symlink swapped in later can only miss the map. Files are
// taken when they are regular files whose real path lies inside the folder's real
// path (a symlink pointing outside is skipped with a warning), at most kMaxDepth
// folders deep, none of whose path segments starts with a dot, each at most
// kMaxFileBytes and all together at most kMaxTotalBytes. Editing a file needs an
// API restart; that is the price of the guarantee.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::api {

class StaticFolder {
 public:
  struct File {
    std::string content_type;
    std::string body;
    std::string etag;  // "\"<hex of a 64-bit FNV-1a of the body>\""
  };

  static constexpr int kMaxDepth = 2;  // "pages/tasks.js" is depth 2
  static constexpr std::size_t kMaxFileBytes = 1 << 20;
  static constexpr std::size_t kMaxTotalBytes = 16 << 20;

  // Loads `folder`; a missing folder gives an empty one (logged).
  explicit StaticFolder(const std::string& folder);

  // The file at `relative` ("pages/tasks.js"), percent-decoded already; nullptr
  // unless it is one of the files loaded at start.
  const File* find(std::string_view relative) const;
  std::size_t size() const { return files_.size(); }

  // The Content-Type for a file name, by its extension; nullopt for extensions
  // the folder does not serve (they are not loaded).
  static std::optional<std::string> content_type_of(std::string_view name);

 private:
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace switchyard::api
