#include "storage/releases/releases_repository.hpp"

namespace switchyard::storage::releases {
namespace {

constexpr const char* kEntryJson =
    "jsonb_build_object('image_repo', h.image_repo, 'image_name', h.image_name, "
    "'image_tag', h.image_tag, 'image_sha', h.image_sha, 'first_seen', rfc3339(h.first_seen), "
    "'last_seen', rfc3339(h.last_seen))";

}  // namespace

std::string record_release(pqxx::transaction_base& tx, const Component& c, const Image& image) {
  const auto component_id =
      tx.exec_params1(
            "INSERT INTO release_components (client_name, env_name, namespace, workload_kind, "
            "workload_name, container_name) VALUES ($1, $2, $3, $4, $5, $6) "
            "ON CONFLICT (client_name, env_name, namespace, workload_kind, workload_name, "
            "container_name) DO UPDATE SET client_name = EXCLUDED.client_name RETURNING id",
            c.client_name, c.env_name, c.namespace_name, c.workload_kind, c.workload_name,
            c.container_name)[0]
          .as<std::int64_t>();
  // The open entry, locked: two reports of one component are applied one at a time.
  const pqxx::result open = tx.exec_params(
      "SELECT id, image_sha = $2 FROM release_history WHERE component_id = $1 AND current "
      "FOR UPDATE",
      component_id, image.sha);
  if (!open.empty() && open[0][1].as<bool>()) {
    return tx
        .exec_params1(std::string("UPDATE release_history h SET last_seen = greatest(last_seen, "
                                  "$2::timestamptz) WHERE id = $1 RETURNING ") +
                          kEntryJson + "::text",
                      open[0][0].as<std::int64_t>(), image.released_at)[0]
        .as<std::string>();
  }
  if (!open.empty()) {
    tx.exec_params0(
        "UPDATE release_history SET current = false, "
        "last_seen = greatest(first_seen, $2::timestamptz - interval '1 second') WHERE id = $1",
        open[0][0].as<std::int64_t>(), image.released_at);
  }
  return tx
      .exec_params1(std::string("INSERT INTO release_history AS h (component_id, image_repo, "
                                "image_name, image_tag, image_sha, first_seen, last_seen) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ") +
                        kEntryJson + "::text",
                    component_id, image.repo, image.name, image.tag, image.sha,
                    image.released_at)[0]
      .as<std::string>();
}

std::vector<CurrentRelease> current_releases(pqxx::transaction_base& tx,
                                             const std::optional<std::string>& client_name,
                                             const std::optional<std::string>& env_name) {
  std::vector<CurrentRelease> rows;
  for (const auto& row : tx.exec_params(
           std::string(
               "SELECT c.namespace, (jsonb_build_object('namespace', c.namespace, 'workload_name', "
               "c.workload_name, 'workload_type', c.workload_kind, 'container_name', "
               "c.container_name, 'client_name', c.client_name, 'env_name', c.env_name) "
               "|| ") +
               kEntryJson +
               ")::text FROM release_components c JOIN release_history h "
               "ON h.component_id = c.id AND h.current "
               "WHERE ($1::text IS NULL OR c.client_name = $1) "
               "  AND ($2::text IS NULL OR c.env_name = $2) "
               "ORDER BY c.namespace, c.workload_name, c.container_name, c.client_name, c.env_name",
           client_name, env_name)) {
    rows.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  return rows;
}

std::optional<std::vector<std::string>> release_history(pqxx::transaction_base& tx,
                                                        const Component& c) {
  const pqxx::result components = tx.exec_params(
      "SELECT id FROM release_components WHERE client_name = $1 AND env_name = $2 "
      "AND namespace = $3 AND workload_name = $4 AND container_name = $5",
      c.client_name, c.env_name, c.namespace_name, c.workload_name, c.container_name);
  if (components.empty()) return std::nullopt;
  std::vector<std::string> rows;
  for (const auto& row :
       tx.exec_params(std::string("SELECT ") + kEntryJson +
                          "::text FROM release_history h WHERE h.component_id = ANY($1::bigint[]) "
                          "ORDER BY h.first_seen DESC, h.id DESC",
                      [&] {
                        std::string ids = "{";
                        for (const auto& component : components) {
                          if (ids.size() > 1) ids += ',';
                          ids += component[0].as<std::string>();
                        }
                        return ids + "}";
                      }())) {
    rows.push_back(row[0].as<std::string>());
  }
  return rows;
}

std::vector<BadgeRelease> badge_releases(pqxx::transaction_base& tx, const Component& c) {
  std::vector<BadgeRelease> releases;
  for (const auto& row : tx.exec_params(
           "SELECT c.namespace, h.image_tag FROM release_components c JOIN release_history h "
           "ON h.component_id = c.id AND h.current WHERE c.client_name = $1 AND c.env_name = $2 "
           "AND c.workload_kind = $3 AND c.workload_name = $4 AND c.container_name = $5 "
           "ORDER BY c.namespace",
           c.client_name, c.env_name, c.workload_kind, c.workload_name, c.container_name)) {
    releases.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  return releases;
}

}  // namespace switchyard::storage::releases
