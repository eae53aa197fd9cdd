#pragma once
// Builds the served OpenAPI document from parts: openapi.json beside this file
// holds what every domain shares (info, security schemes, common error responses),
// and each domain module brings a fragment (api/<domain>/<domain>_openapi.json)
// with its tags, paths and components, plus the JSON schemas its handlers validate
// requests with, inserted under components.schemas so the documentation and the
// validation can never disagree.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::api {

// One domain's part of the document.
struct OpenapiFragment {
  std::string_view owner;     // the module's name, for errors
  std::string_view document;  // {"tags": [...], "paths": {...}, "components": {...}}
  std::map<std::string, std::string_view> schemas = {};  // components.schemas name → schema
};

// Throws std::runtime_error naming the fragment when a part is not valid JSON, or
// when two parts define the same path, tag or component: each name has one owner.
std::string build_openapi_document(std::string_view base,
                                   const std::vector<OpenapiFragment>& fragments,
                                   std::string_view version);

}  // namespace switchyard::api
