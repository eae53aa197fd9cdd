#include "openapi/openapi_document.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace switchyard::api {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value& object_member(rapidjson::Value& parent, const char* name, Allocator& alloc) {
  if (!parent.HasMember(name)) {
    parent.AddMember(rapidjson::Value(name, alloc), rapidjson::Value(rapidjson::kObjectType),
                     alloc);
  }
  return parent[name];
}

void parse(rapidjson::Document& doc, std::string_view text, std::string_view what) {
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    throw std::runtime_error(std::string(what) + " is not a valid JSON object");
  }
}

// Moves every member of `from` into `into`; a name already there is an error.
void add_members(rapidjson::Value& into, rapidjson::Value& from, std::string_view owner,
                 std::string_view where, Allocator& alloc) {
  if (!from.IsObject()) {
    throw std::runtime_error(std::string(owner) + ": " + std::string(where) + " must be an object");
  }
  for (auto& member : from.GetObject()) {
    if (into.HasMember(member.name)) {
      throw std::runtime_error(std::string(owner) + ": " + std::string(where) + " " +
                               member.name.GetString() + " is defined twice");
    }
    into.AddMember(rapidjson::Value(member.name, alloc), rapidjson::Value(member.value, alloc),
                   alloc);
  }
}

void add_fragment(rapidjson::Document& doc, const OpenapiFragment& fragment) {
  auto& alloc = doc.GetAllocator();
  rapidjson::Document part;
  parse(part, fragment.document, std::string(fragment.owner) + "'s OpenAPI fragment");
  if (part.HasMember("tags")) {
    if (!part["tags"].IsArray()) {
      throw std::runtime_error(std::string(fragment.owner) + ": tags must be an array");
    }
    auto& tags = doc["tags"];
    for (auto& tag : part["tags"].GetArray()) tags.PushBack(rapidjson::Value(tag, alloc), alloc);
  }
  if (part.HasMember("paths")) {
    add_members(object_member(doc, "paths", alloc), part["paths"], fragment.owner, "path", alloc);
  }
  if (part.HasMember("components")) {
    if (!part["components"].IsObject()) {
      throw std::runtime_error(std::string(fragment.owner) + ": components must be an object");
    }
    auto& components = object_member(doc, "components", alloc);
    for (auto& section : part["components"].GetObject()) {
      add_members(object_member(components, section.name.GetString(), alloc), section.value,
                  fragment.owner, std::string("components.") + section.name.GetString(), alloc);
    }
  }
  auto& schemas = object_member(object_member(doc, "components", alloc), "schemas", alloc);
  for (const auto& [name, text] : fragment.schemas) {
    rapidjson::Document schema;
    parse(schema, text, "schema " + name);
    rapidjson::Value wrapper(rapidjson::kObjectType);
    wrapper.AddMember(rapidjson::Value(name.c_str(), alloc), rapidjson::Value(schema, alloc),
                      alloc);
    add_members(schemas, wrapper, fragment.owner, "components.schemas", alloc);
  }
}

}  // namespace

std::string build_openapi_document(std::string_view base,
                                   const std::vector<OpenapiFragment>& fragments,
                                   std::string_view version) {
  rapidjson::Document doc;
  parse(doc, base, "openapi.json");
  auto& alloc = doc.GetAllocator();
  if (!doc.HasMember("tags")) doc.AddMember("tags", rapidjson::Value(rapidjson::kArrayType), alloc);
  for (const auto& fragment : fragments) add_fragment(doc, fragment);
  object_member(doc, "info", alloc)
      .AddMember(
          "version",
          rapidjson::Value(version.data(), static_cast<rapidjson::SizeType>(version.size()), alloc),
          alloc);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace switchyard::api
