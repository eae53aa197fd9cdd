#include "config/yaml_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "config/config_error.hpp"

namespace switchyard::config {
namespace {

std::string where(const std::string& name, const YAML::Mark& mark) {
  if (mark.is_null()) return name;
  return fmt::format("{}:{}:{}", name, mark.line + 1, mark.column + 1);
}

}  // namespace

YamlDocument YamlDocument::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(fmt::format("{}: cannot open the file", path));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return load_string(text, path);
}

YamlDocument YamlDocument::load_string(const std::string& text, std::string name) {
  try {
    YAML::Node root = YAML::Load(text);
    if (!root || root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    YamlDocument doc(root, std::move(name));
    doc.expect_map(doc.root_, "the document");
    return doc;
  } catch (const YAML::ParserException& e) {
    throw ConfigError(fmt::format("{}: invalid YAML: {}", where(name, e.mark), e.msg));
  }
}

void YamlDocument::fail(const YAML::Node& at, std::string_view message) const {
  throw ConfigError(fmt::format("{}: {}", where(name_, at.Mark()), message));
}

void YamlDocument::expect_map(const YAML::Node& node, std::string_view what) const {
  if (!node.IsMap()) fail(node, fmt::format("{} must be a mapping", what));
}

std::string YamlDocument::key_text(const YAML::Node& key) const {
  if (!key.IsScalar()) fail(key, "a key must be plain text");
  return key.Scalar();
}

// yaml-cpp keeps both copies of a repeated key and lookups see the first only.
void YamlDocument::reject_duplicate_keys(const YAML::Node& map) const {
  std::set<std::string> seen;
  for (const auto& item : map) {
    const std::string key = key_text(item.first);
    if (!seen.insert(key).second) fail(item.first, fmt::format("duplicate key \"{}\"", key));
  }
}

void YamlDocument::reject_unknown_keys(const YAML::Node& map,
                                       std::initializer_list<std::string_view> allowed) const {
  reject_duplicate_keys(map);
  for (const auto& item : map) {
    const std::string key = key_text(item.first);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string names;
      for (auto a : allowed) names += fmt::format("{}{}", names.empty() ? "" : ", ", a);
      fail(item.first, fmt::format("unknown key \"{}\" (expected one of: {})", key, names));
    }
  }
}

bool YamlDocument::read(const YAML::Node& map, const char* key, int& out, int min, int max) const {
  const YAML::Node node = map[key];
  if (!node) return false;
  long long value = 0;
  if (!node.IsScalar() || !YAML::convert<long long>::decode(node, value) || value < min ||
      value > max) {
    fail(node, fmt::format("\"{}\" must be an integer in [{}, {}]", key, min, max));
  }
  out = static_cast<int>(value);
  return true;
}

bool YamlDocument::read(const YAML::Node& map, const char* key, double& out, double min,
                        double max) const {
  const YAML::Node node = map[key];
  if (!node) return false;
  double value = 0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || value < min ||
      value > max) {
    fail(node, fmt::format("\"{}\" must be a number in [{}, {}]", key, min, max));
  }
  out = value;
  return true;
}

bool YamlDocument::read(const YAML::Node& map, const char* key, bool& out) const {
  const YAML::Node node = map[key];
  if (!node) return false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, out)) {
    fail(node, fmt::format("\"{}\" must be true or false", key));
  }
  return true;
}

bool YamlDocument::read(const YAML::Node& map, const char* key, std::string& out) const {
  const YAML::Node node = map[key];
  if (!node) return false;
  if (!node.IsScalar()) fail(node, fmt::format("\"{}\" must be a string", key));
  out = node.Scalar();
  return true;
}

bool YamlDocument::read(const YAML::Node& map, const char* key,
                        std::vector<std::string>& out) const {
  const YAML::Node node = map[key];
  if (!node) return false;
  if (!node.IsSequence()) fail(node, fmt::format("\"{}\" must be a list of strings", key));
  out.clear();
  for (const auto& item : node) {
    if (!item.IsScalar()) fail(item, fmt::format("\"{}\" must be a list of strings", key));
    out.push_back(item.Scalar());
  }
  return true;
}

}  // namespace switchyard::config
