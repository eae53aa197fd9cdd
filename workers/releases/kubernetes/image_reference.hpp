#pragma once
// Container image references as written in a pod template ("nginx:1.21.0",
// "registry:5000/team/app:1.2@sha256:…") split into what the release tracker records,
// and the digest a running container reports in its status (imageID).
#include <string>
#include <string_view>

namespace switchyard::kubernetes {

// One image reference, following Docker's rules:
//  - repo: the registry host[:port]. The first path component is a registry when there
//    is more than one component and it contains '.' or ':' or is "localhost";
//    otherwise the registry is "docker.io".
//  - name: the rest of the path, kept as written ("nginx" stays "nginx", not
//    "library/nginx"; "docker.io/library/nginx" keeps "library/nginx").
//  - tag: after the last ':' of the last path component; "latest" when absent. When
//    the reference has a digest and no tag ("nginx@sha256:…"), the tag is the digest's
//    short form "sha256:" + its first 12 characters, so a version is always shown
//    and it names what runs.
//  - digest: after '@' ("sha256:<64 hex>"), empty when the reference is not pinned.
struct ImageReference {
  std::string repo;
  std::string name;
  std::string tag;
  std::string digest;

  bool operator==(const ImageReference&) const = default;
};

// Throws std::invalid_argument (with the reason) for an empty reference, whitespace,
// an empty path component or tag, more than one '@', or a digest that is not
// "sha256:<64 lowercase hex>" or "sha512:<128 lowercase hex>".
ImageReference parse_image_reference(std::string_view image);

// The digest ("sha256:…") in a pod's status.containerStatuses[].imageID:
// "docker-pullable://nginx@sha256:…" and "docker.io/library/nginx@sha256:…" give what
// follows '@'; "sha256:…" alone (some containerd setups) and "docker://sha256:…" are
// returned without the scheme. Note that those last two forms name the image's local
// id, which is not always the registry's manifest digest. Empty when `image_id` holds
// no such digest (a container still waiting for its image reports "").
std::string digest_of_image_id(std::string_view image_id);

}  // namespace switchyard::kubernetes
