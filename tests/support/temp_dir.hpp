#pragma once
// A fresh directory under the system temp dir, removed with everything in it when
// the object leaves scope.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>

namespace switchyard::testing {

class TempDir {
 public:
  TempDir() : path_(unique_path()) { std::filesystem::create_directories(path_); }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` to `name` inside the directory, replacing the file.
  void write(const std::string& name, const std::string& text) const {
    std::ofstream out(path_ / name, std::ios::binary | std::ios::trunc);
    out << text;
  }

 private:
  static std::filesystem::path unique_path() {
    std::random_device random;
    return std::filesystem::temp_directory_path() /
           ("switchyard-test-" + std::to_string(random()) + std::to_string(random()));
  }

  std::filesystem::path path_;
};

}  // namespace switchyard::testing
