#include "releases/kubernetes/image_reference.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace switchyard::kubernetes {
namespace {

constexpr std::string_view kDefaultRegistry = "docker.io";
constexpr std::string_view kDefaultTag = "latest";
constexpr std::size_t kShortDigestLength = 12;

bool is_lower_hex(char c) { return (c >= 'a' && c <= 'f') || (c >= '0' && c <= '9'); }

// The digests registries use (OCI image spec): sha256 or sha512, lowercase hex.
bool is_digest(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  const auto algorithm = text.substr(0, colon);
  const auto encoded = text.substr(colon + 1);
  const std::size_t length = algorithm == "sha256" ? 64 : algorithm == "sha512" ? 128 : 0;
  return length != 0 && encoded.size() == length &&
         std::all_of(encoded.begin(), encoded.end(), is_lower_hex);
}

[[noreturn]] void refuse(std::string_view image, std::string_view why) {
  throw std::invalid_argument("image reference \"" + std::string(image) +
                              "\": " + std::string(why));
}

}  // namespace

ImageReference parse_image_reference(std::string_view image) {
  if (image.empty()) refuse(image, "empty");
  if (std::any_of(image.begin(), image.end(),
                  [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    refuse(image, "contains whitespace");
  }
  ImageReference ref;
  std::string_view rest = image;
  if (const auto at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (ref.digest.find('@') != std::string::npos) refuse(image, "more than one '@'");
    if (!is_digest(ref.digest))
      refuse(image, "the digest is not sha256:<64 hex> or sha512:<128 hex>");
  }
  const auto last_slash = rest.rfind('/');
  const auto tag_colon = rest.rfind(':');
  if (tag_colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || tag_colon > last_slash)) {
    ref.tag = std::string(rest.substr(tag_colon + 1));
    rest = rest.substr(0, tag_colon);
    if (ref.tag.empty()) refuse(image, "empty tag");
  }
  if (rest.empty()) refuse(image, "empty name");
  if (rest.front() == '/' || rest.back() == '/' || rest.find("//") != std::string_view::npos) {
    refuse(image, "empty path component");
  }
  const auto first_slash = rest.find('/');
  const auto first = rest.substr(0, first_slash);
  const bool has_registry = first_slash != std::string_view::npos &&
                            (first.find('.') != std::string_view::npos ||
                             first.find(':') != std::string_view::npos || first == "localhost");
  if (has_registry) {
    ref.repo = std::string(first);
    ref.name = std::string(rest.substr(first_slash + 1));
  } else {
    ref.repo = std::string(kDefaultRegistry);
    ref.name = std::string(rest);
  }
  if (ref.tag.empty()) {
    if (ref.digest.empty()) {
      ref.tag = std::string(kDefaultTag);
    } else {
      const auto colon = ref.digest.find(':');
      ref.tag = ref.digest.substr(0, colon + 1 + kShortDigestLength);
    }
  }
  return ref;
}

std::string digest_of_image_id(std::string_view image_id) {
  std::string_view candidate = image_id;
  if (const auto at = image_id.rfind('@'); at != std::string_view::npos) {
    candidate = image_id.substr(at + 1);
  } else if (const auto scheme = image_id.find("://"); scheme != std::string_view::npos) {
    candidate = image_id.substr(scheme + 3);
  }
  return is_digest(candidate) ? std::string(candidate) : std::string();
}

}  // namespace switchyard::kubernetes
