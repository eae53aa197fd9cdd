#include "releases/badge_svg.hpp"

#include <fmt/format.h>

namespace switchyard::api::releases {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Pixels of `text` in Verdana 11px: narrow letters, wide letters, the rest.
int text_width(const std::string& text) {
  int width = 0;
  for (unsigned char c : text) {
    if (c == 'i' || c == 'l' || c == '.' || c == ':' || c == '|' || c == '!' || c == 'j' ||
        c == 't' || c == 'f' || c == 'r') {
      width += 4;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
      width += 10;
    } else if (c >= 'A' && c <= 'Z') {
      width += 8;
    } else {
      width += 7;
    }
  }
  return width;
}

const char* fill(BadgeColor color) {
  switch (color) {
    case BadgeColor::kGreen:
      return "#4c1";
    case BadgeColor::kRed:
      return "#e05d44";
    case BadgeColor::kGray:
      return "#9f9f9f";
    case BadgeColor::kYellow:
      return "#dfb317";
  }
  return "#9f9f9f";
}

}  // namespace

std::string badge_svg(const std::string& label, const std::string& value, BadgeColor color) {
  const int left = text_width(label) + 10;
  const int right = text_width(value) + 10;
  const int total = left + right;
  const std::string l = escape(label);
  const std::string v = escape(value);
  return fmt::format(
      R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="20" role="img" aria-label="{3}: {4}">)svg"
      R"svg(<title>{3}: {4}</title>)svg"
      R"svg(<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>)svg"
      R"svg(<clipPath id="r"><rect width="{0}" height="20" rx="3" fill="#fff"/></clipPath>)svg"
      R"svg(<g clip-path="url(#r)"><rect width="{1}" height="20" fill="#555"/><rect x="{1}" width="{2}" height="20" fill="{5}"/><rect width="{0}" height="20" fill="url(#s)"/></g>)svg"
      R"svg(<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">)svg"
      R"svg(<text x="{6}" y="14">{3}</text><text x="{7}" y="14">{4}</text></g></svg>)svg",
      total, left, right, l, v, fill(color), left / 2, left + right / 2);
}

}  // namespace switchyard::api::releases
