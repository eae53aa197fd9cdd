#include "console/static_folder.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace switchyard::api {
namespace {

namespace fs = std::filesystem;

std::string etag_of(std::string_view body) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : body) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}\"", hash);
}

// true when `real` (a resolved path) lies inside `root` (resolved too).
bool inside(const fs::path& root, const fs::path& real) {
  return std::mismatch(root.begin(), root.end(), real.begin(), real.end()).first == root.end();
}

bool hidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part.native().starts_with('.')) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> StaticFolder::content_type_of(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "application/javascript; charset=utf-8"},
      {".mjs", "application/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (name.ends_with(extension)) return std::string(type);
  }
  return std::nullopt;
}

StaticFolder::StaticFolder(const std::string& folder) {
  std::error_code error;
  const fs::path root = fs::canonical(folder, error);
  if (error || !fs::is_directory(root)) {
    spdlog::warn("static folder {} is missing: its files answer 404", folder);
    return;
  }
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path relative = it->path().lexically_relative(root);
    if (it.depth() >= kMaxDepth || hidden(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    const auto type = content_type_of(relative.filename().native());
    if (!type) continue;
    std::error_code resolve_error;
    const fs::path real = fs::canonical(it->path(), resolve_error);
    if (resolve_error || !inside(root, real) || !fs::is_regular_file(real)) {
      spdlog::warn("static file {} leaves {} or is not a regular file: not served",
                   it->path().string(), root.string());
      continue;
    }
    std::ifstream in(real, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) continue;
    if (body.size() > kMaxFileBytes || total + body.size() > kMaxTotalBytes) {
      spdlog::warn("static file {} is past the size limits: not served", real.string());
      continue;
    }
    total += body.size();
    std::string etag = etag_of(body);
    files_.emplace(relative.generic_string(), File{*type, std::move(body), std::move(etag)});
  }
  spdlog::info("static folder {}: {} files, {} bytes", root.string(), files_.size(), total);
}

const StaticFolder::File* StaticFolder::find(std::string_view relative) const {
  const auto it = files_.find(relative);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace switchyard::api
