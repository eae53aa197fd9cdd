#include "domain/plugins/plugin_manifest.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <regex>
#include <set>

#include "config/config_error.hpp"
#include "config/yaml_document.hpp"

namespace switchyard::domain::plugins {
namespace {

constexpr std::size_t kMaxText = 200;
constexpr std::size_t kMaxDescription = 2000;
constexpr std::size_t kMaxItems = 64;  // tags, dependencies, actions, routes, argv

// Every core surface's first path segment (the route tables of api/*): a plugin
// route never shadows nor collides with a core route.
constexpr std::array<std::string_view, 14> kReserved{
    "api",    "admin",  "system", "auth",      "docs",         "redoc",        "metrics",
    "health", "badges", "static", "core-docs", "openapi.json", "swagger.json", "webhooks"};

bool is_plain_text(std::string_view text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool is_path(std::string_view path) {
  static const std::regex kPath("(/[A-Za-z0-9_-]+)+");
  return path.size() <= kMaxText && std::regex_match(path.begin(), path.end(), kPath);
}

bool is_permission(std::string_view name) {
  static const std::regex kPermission("[a-z][a-z0-9_]{0,62}:[a-z][a-z0-9_]{0,62}");
  return std::regex_match(name.begin(), name.end(), kPermission);
}

bool is_name(std::string_view name) {
  static const std::regex kName("[a-z][a-z0-9_]{0,62}");
  return std::regex_match(name.begin(), name.end(), kName);
}

class Reader {
 public:
  explicit Reader(const config::YamlDocument& doc) : doc_(doc) {}

  std::string text(const YAML::Node& map, const char* key, bool required,
                   std::size_t max = kMaxText) const {
    std::string value;
    if (!doc_.read(map, key, value)) {
      if (required) doc_.fail(map, fmt::format("\"{}\" is required", key));
      return value;
    }
    if (value.size() > max) doc_.fail(map[key], fmt::format("\"{}\" is longer than {}", key, max));
    if (!is_plain_text(value)) {
      doc_.fail(map[key], fmt::format("\"{}\" holds control characters", key));
    }
    return value;
  }

  std::vector<std::string> list(const YAML::Node& map, const char* key) const {
    std::vector<std::string> values;
    doc_.read(map, key, values);
    if (values.size() > kMaxItems) {
      doc_.fail(map[key], fmt::format("\"{}\" has more than {} items", key, kMaxItems));
    }
    for (const auto& v : values) {
      if (v.empty() || v.size() > kMaxText || !is_plain_text(v)) {
        doc_.fail(map[key],
                  fmt::format("\"{}\" holds an empty, long or control-character item", key));
      }
    }
    return values;
  }

  [[noreturn]] void fail(const YAML::Node& at, std::string_view message) const {
    doc_.fail(at, message);
  }
  const config::YamlDocument& doc() const { return doc_; }

 private:
  const config::YamlDocument& doc_;
};

PluginAction read_action(const Reader& r, const YAML::Node& node, Runtime runtime) {
  const auto& doc = r.doc();
  PluginAction action;
  if (node && !node.IsNull()) {
    doc.expect_map(node, "an action");
    doc.reject_unknown_keys(node, {"command", "timeout_ms", "max_output_bytes"});
    action.command = r.list(node, "command");
    int timeout = 30'000;
    if (doc.read(node, "timeout_ms", timeout, 1, 3'600'000)) action.timeout_ms = timeout;
    int cap = 1 << 20;
    if (doc.read(node, "max_output_bytes", cap, 1, 16 << 20)) action.max_output_bytes = cap;
  }
  if (runtime == Runtime::kExec && action.command.empty()) {
    r.fail(node, "an exec action needs \"command\" (the program and its arguments)");
  }
  return action;
}

void check_routes(const Reader& r, const YAML::Node& root, const PluginManifest& m) {
  std::set<std::string> seen;
  for (const auto& route : m.routes) {
    if (!is_path(route.path) || !route.path.starts_with(m.api_prefix + "/")) {
      r.fail(root["routes"], fmt::format("route \"{}\" is not a plain path under api_prefix {}",
                                         route.path, m.api_prefix));
    }
    if (!m.actions.count(route.action)) {
      r.fail(root["routes"], fmt::format("route {} names no action of \"actions\"", route.path));
    }
    if (!is_permission(route.permission)) {
      r.fail(root["routes"],
             fmt::format("route {}: \"permission\" must be resource:action", route.path));
    }
    if (!seen.insert(route.path).second) {
      r.fail(root["routes"], fmt::format("route {} is given twice", route.path));
    }
  }
}

void write_strings(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key,
                   const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
}

}  // namespace

std::string_view to_string(Runtime runtime) { return runtime == Runtime::kExec ? "exec" : "queue"; }

bool is_plugin_id(std::string_view id) {
  static const std::regex kId("[a-z0-9][a-z0-9_-]{0,63}");
  return std::regex_match(id.begin(), id.end(), kId);
}

bool is_reserved_prefix(std::string_view api_prefix) {
  const std::string_view first = api_prefix.substr(1, api_prefix.find('/', 1) - 1);
  return std::find(kReserved.begin(), kReserved.end(), first) != kReserved.end();
}

PluginManifest parse_plugin_manifest(const std::string& yaml_text) {
  if (yaml_text.find('\0') != std::string::npos) {
    throw ManifestError("plugin.yaml holds a NUL character");
  }
  try {
    const auto doc = config::YamlDocument::load_string(yaml_text, "plugin.yaml");
    const Reader r(doc);
    const YAML::Node& root = doc.root();
    doc.expect_map(root, "plugin.yaml");
    doc.reject_unknown_keys(
        root, {"id", "name", "version", "author", "description", "tags", "api_prefix", "runtime",
               "service", "dependencies", "actions", "routes"});
    PluginManifest m;
    m.id = r.text(root, "id", true);
    if (!is_plugin_id(m.id)) {
      doc.fail(root["id"], "\"id\" must match [a-z0-9][a-z0-9_-]{0,63} (no slash, no dot)");
    }
    m.name = r.text(root, "name", false);
    if (m.name.empty()) m.name = m.id;
    m.version = r.text(root, "version", true);
    m.author = r.text(root, "author", false);
    m.description = r.text(root, "description", false, kMaxDescription);
    m.tags = r.list(root, "tags");
    m.dependencies = r.list(root, "dependencies");
    for (const auto& d : m.dependencies) {
      if (!is_plugin_id(d) || d == m.id)
        doc.fail(root["dependencies"], "\"" + d + "\" is not a plugin id");
    }
    const std::string runtime = r.text(root, "runtime", true);
    if (runtime == "exec") {
      m.runtime = Runtime::kExec;
    } else if (runtime == "queue") {
      m.runtime = Runtime::kQueue;
    } else {
      doc.fail(root["runtime"], "\"runtime\" must be exec or queue");
    }
    m.service = r.text(root, "service", false);
    if (m.runtime == Runtime::kExec) {
      if (!m.service.empty()) doc.fail(root["service"], "an exec plugin names no service");
    } else {
      if (m.service.empty()) m.service = "plugin_" + m.id;
      // Never a service of services.yaml: a route must not publish to the platform's
      // own (internal) actions.
      if (!is_name(m.service) || !m.service.starts_with("plugin_")) {
        doc.fail(root["service"], "\"service\" must match plugin_[a-z0-9_]*");
      }
    }
    m.api_prefix = r.text(root, "api_prefix", true);
    if (!is_path(m.api_prefix)) {
      doc.fail(root["api_prefix"], "\"api_prefix\" must be a path like /erp/crm");
    }
    if (is_reserved_prefix(m.api_prefix)) {
      doc.fail(root["api_prefix"], "\"api_prefix\" is under a core path of the platform");
    }
    const YAML::Node actions = root["actions"];
    if (!actions) doc.fail(root, "\"actions\" is required");
    doc.expect_map(actions, "\"actions\"");
    doc.reject_duplicate_keys(actions);
    if (actions.size() == 0 || actions.size() > kMaxItems) {
      doc.fail(actions, "\"actions\" must hold 1 to 64 actions");
    }
    for (const auto& item : actions) {
      const std::string name = doc.key_text(item.first);
      if (!is_name(name)) doc.fail(item.first, "an action name must match [a-z][a-z0-9_]*");
      m.actions[name] = read_action(r, item.second, m.runtime);
    }
    const YAML::Node routes = root["routes"];
    if (routes && !routes.IsNull()) {
      if (!routes.IsSequence() || routes.size() > kMaxItems) {
        doc.fail(routes, "\"routes\" must be a list of at most 64 routes");
      }
      for (const auto& node : routes) {
        doc.expect_map(node, "a route");
        doc.reject_unknown_keys(node, {"path", "action", "permission"});
        m.routes.push_back({r.text(node, "path", true), r.text(node, "action", true),
                            r.text(node, "permission", true)});
      }
    }
    check_routes(r, root, m);
    return m;
  } catch (const config::ConfigError& e) {
    throw ManifestError(e.what());
  }
}

std::string PluginManifest::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  str("id", id);
  str("name", name);
  str("version", version);
  str("author", author);
  str("description", description);
  write_strings(w, "tags", tags);
  str("api_prefix", api_prefix);
  str("runtime", std::string(to_string(runtime)));
  str("service", service);
  write_strings(w, "dependencies", dependencies);
  w.Key("actions");
  w.StartObject();
  for (const auto& [action_name, a] : actions) {
    w.Key(action_name.c_str());
    w.StartObject();
    write_strings(w, "command", a.command);
    w.Key("timeout_ms");
    w.Int64(a.timeout_ms);
    w.Key("max_output_bytes");
    w.Int64(a.max_output_bytes);
    w.EndObject();
  }
  w.EndObject();
  w.Key("routes");
  w.StartArray();
  for (const auto& route : routes) {
    w.StartObject();
    str("path", route.path);
    str("action", route.action);
    str("permission", route.permission);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

PluginManifest parse_stored_manifest(const rapidjson::Value& json) {
  auto str = [&](const char* key) {
    return json.HasMember(key) && json[key].IsString() ? std::string(json[key].GetString())
                                                       : std::string();
  };
  auto strings = [&](const rapidjson::Value& array) {
    std::vector<std::string> out;
    if (array.IsArray()) {
      for (const auto& v : array.GetArray()) out.emplace_back(v.GetString());
    }
    return out;
  };
  PluginManifest m;
  m.id = str("id");
  m.name = str("name");
  m.version = str("version");
  m.author = str("author");
  m.description = str("description");
  m.api_prefix = str("api_prefix");
  m.runtime = str("runtime") == "queue" ? Runtime::kQueue : Runtime::kExec;
  m.service = str("service");
  if (json.HasMember("tags")) m.tags = strings(json["tags"]);
  if (json.HasMember("dependencies")) m.dependencies = strings(json["dependencies"]);
  if (json.HasMember("actions") && json["actions"].IsObject()) {
    for (const auto& a : json["actions"].GetObject()) {
      PluginAction action;
      action.command = strings(a.value["command"]);
      action.timeout_ms = a.value["timeout_ms"].GetInt64();
      action.max_output_bytes = a.value["max_output_bytes"].GetInt64();
      m.actions[a.name.GetString()] = std::move(action);
    }
  }
  if (json.HasMember("routes") && json["routes"].IsArray()) {
    for (const auto& route : json["routes"].GetArray()) {
      m.routes.push_back({route["path"].GetString(), route["action"].GetString(),
                          route["permission"].GetString()});
    }
  }
  return m;
}

}  // namespace switchyard::domain::plugins
