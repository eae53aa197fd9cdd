#pragma once
// SQL of the release tracker (migrations/0006): recording a container's image
// with the history semantics of release-tracker-api.md, and the reads (current
// releases, a component's history, badge lookups). Answers are JSON text.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage::releases {

struct Component {
  std::string client_name;
  std::string env_name;
  std::string namespace_name;
  std::string workload_kind;
  std::string workload_name;
  std::string container_name;
};

struct Image {
  std::string repo;
  std::string name;
  std::string tag;
  std::string sha;
  std::string released_at;  // RFC 3339
};

// The same image (by digest) as the open entry moves its last_seen; another image
// closes the open entry (last_seen one second before the new one) and opens a new
// one. Returns the recorded entry as {"image_tag", ..., "first_seen", "last_seen"}.
std::string record_release(pqxx::transaction_base& tx, const Component& component,
                           const Image& image);

struct CurrentRelease {
  std::string namespace_name;
  std::string json;  // the entry as answered, namespace included
};
// Open entries, sorted by namespace, workload and container; filters are optional.
std::vector<CurrentRelease> current_releases(pqxx::transaction_base& tx,
                                             const std::optional<std::string>& client_name,
                                             const std::optional<std::string>& env_name);

// Newest first; nullopt when no such component (any workload kind).
std::optional<std::vector<std::string>> release_history(pqxx::transaction_base& tx,
                                                        const Component& component);

struct BadgeRelease {
  std::string namespace_name;
  std::string image_tag;
};
// Open entries of the workload's container in any namespace.
std::vector<BadgeRelease> badge_releases(pqxx::transaction_base& tx, const Component& component);

}  // namespace switchyard::storage::releases
