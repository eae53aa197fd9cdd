#pragma once
// Strict reading of a YAML configuration file: every error names the file, the
// line and the key; keys that the schema does not know are errors, so a typo never
// silently falls back to a default.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::config {

class YamlDocument {
 public:
  // Throws ConfigError with file:line:column when the file is missing or not YAML.
  static YamlDocument load_file(const std::string& path);
  static YamlDocument load_string(const std::string& text, std::string name);

  const YAML::Node& root() const { return root_; }
  const std::string& name() const { return name_; }

  [[noreturn]] void fail(const YAML::Node& at, std::string_view message) const;

  void expect_map(const YAML::Node& node, std::string_view what) const;
  // The text of a mapping key; ConfigError when the key is not plain text (a
  // list, a mapping or null: `? [a, b]`, `~:`), which yaml-cpp would otherwise
  // answer with its own exception from as<std::string>().
  std::string key_text(const YAML::Node& key) const;
  // Also rejects a key given twice (yaml-cpp would silently keep the first).
  void reject_unknown_keys(const YAML::Node& map,
                           std::initializer_list<std::string_view> allowed) const;
  // For maps whose keys are names (services, actions) rather than a schema.
  void reject_duplicate_keys(const YAML::Node& map) const;

  // Typed readers: the value at `key` of `map` if present, with range checks.
  bool read(const YAML::Node& map, const char* key, int& out, int min, int max) const;
  bool read(const YAML::Node& map, const char* key, double& out, double min, double max) const;
  bool read(const YAML::Node& map, const char* key, bool& out) const;
  bool read(const YAML::Node& map, const char* key, std::string& out) const;
  bool read(const YAML::Node& map, const char* key, std::vector<std::string>& out) const;

 private:
  YamlDocument(const YAML::Node& root, std::string name) : root_(root), name_(std::move(name)) {}

  YAML::Node root_;
  std::string name_;
};

}  // namespace switchyard::config
