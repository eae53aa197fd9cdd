#pragma once
// The release version reported by /health and the OpenAPI document (from CMake's
// project version).
namespace switchyard::api {
inline constexpr const char* kVersion = SWITCHYARD_VERSION;
}
