#pragma once
// Builds the served OpenAPI document: the hand-written paths of openapi.json plus
// the request schemas the API validates with, inserted under components.schemas,
// so the documentation and the validation can never disagree.
#include <map>
#include <string>
#include <string_view>

namespace switchyard::api {

std::string build_openapi_document(std::string_view base,
                                   const std::map<std::string, std::string_view>& schemas,
                                   std::string_view version);

}  // namespace switchyard::api
