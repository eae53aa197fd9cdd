#include "storage/record_sql.hpp"

#include <utility>

namespace switchyard::storage {

std::string to_text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out.push_back(',');
    out.push_back('"');
    for (const char c : item) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

std::vector<std::string> from_text_array(const pqxx::field& field) {
  std::vector<std::string> items;
  if (field.is_null()) return items;
  pqxx::array_parser parser = field.as_array();
  for (;;) {
    auto [juncture, value] = parser.get_next();
    if (juncture == pqxx::array_parser::juncture::done) break;
    if (juncture == pqxx::array_parser::juncture::string_value) items.push_back(std::move(value));
  }
  return items;
}

}  // namespace switchyard::storage
