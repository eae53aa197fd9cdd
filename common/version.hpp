#pragma once
// The release version (CMake's project version): reported by /health and the
// OpenAPI document, and sent by a slave with its pings.
namespace switchyard {
inline constexpr const char* kVersion = SWITCHYARD_VERSION;
}
