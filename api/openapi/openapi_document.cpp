#include "openapi/openapi_document.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace switchyard::api {

std::string build_openapi_document(std::string_view base,
                                   const std::map<std::string, std::string_view>& schemas,
                                   std::string_view version) {
  rapidjson::Document doc;
  doc.Parse(base.data(), base.size());
  if (doc.HasParseError()) throw std::runtime_error("openapi.json is not valid JSON");
  auto& alloc = doc.GetAllocator();
  doc["info"]["version"].SetString(version.data(), static_cast<rapidjson::SizeType>(version.size()),
                                   alloc);
  auto& components = doc["components"]["schemas"];
  for (const auto& [name, text] : schemas) {
    rapidjson::Document schema(&alloc);
    schema.Parse(text.data(), text.size());
    if (schema.HasParseError()) throw std::runtime_error("schema " + name + " is not valid JSON");
    rapidjson::Value key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()), alloc);
    rapidjson::Value value(schema, alloc);
    components.AddMember(key, value, alloc);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace switchyard::api
