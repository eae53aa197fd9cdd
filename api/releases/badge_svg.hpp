#pragma once
// A shields.io-style flat badge: a gray label (the environment) and a colored
// value (the version or the state). Text is XML-escaped; widths come from a
// per-character estimate of Verdana 11px, as shields.io does without font files.
#include <string>

namespace switchyard::api::releases {

enum class BadgeColor { kGreen, kRed, kGray, kYellow };

std::string badge_svg(const std::string& label, const std::string& value, BadgeColor color);

}  // namespace switchyard::api::releases
