#pragma once
// The "id" of each JSON object of a page's items, in order: what the list tests
// compare pages by (tasks, incidents).
#include <rapidjson/document.h>

#include <string>
#include <vector>

namespace switchyard::testing {

inline std::vector<std::string> ids_of(const std::vector<std::string>& items_json) {
  std::vector<std::string> ids;
  ids.reserve(items_json.size());
  for (const auto& item : items_json) {
    rapidjson::Document doc;
    doc.Parse(item.c_str());
    ids.emplace_back(doc["id"].GetString());
  }
  return ids;
}

}  // namespace switchyard::testing
