#include "storage/releases/forwards_repository.hpp"

namespace switchyard::storage::releases {

void enqueue_forward(pqxx::transaction_base& tx, const Component& c, const Image& image) {
  tx.exec_params0(
      "INSERT INTO release_forwards (namespace, workload_kind, workload_name, container_name, "
      "body) VALUES ($1, $2, $3, $4, jsonb_build_object('client_name', $5::text, 'env_name', "
      "$6::text, 'image_repo', $7::text, 'image_name', $8::text, 'image_tag', $9::text, "
      "'image_sha', $10::text, 'released_at', $11::text))",
      c.namespace_name, c.workload_kind, c.workload_name, c.container_name, c.client_name,
      c.env_name, image.repo, image.name, image.tag, image.sha, image.released_at);
}

std::vector<PendingForward> pending_forwards(pqxx::transaction_base& tx, int limit) {
  std::vector<PendingForward> rows;
  for (const auto& row : tx.exec_params(
           "SELECT id, namespace, workload_kind, workload_name, container_name, body::text, "
           "attempts, body->>'client_name', body->>'env_name' FROM release_forwards "
           "WHERE refused_at IS NULL ORDER BY id LIMIT $1",
           limit)) {
    PendingForward f;
    f.id = row[0].as<std::int64_t>();
    f.component = {row[7].as<std::string>(), row[8].as<std::string>(), row[1].as<std::string>(),
                   row[2].as<std::string>(), row[3].as<std::string>(), row[4].as<std::string>()};
    f.body = row[5].as<std::string>();
    f.attempts = row[6].as<int>();
    rows.push_back(std::move(f));
  }
  return rows;
}

void forward_delivered(pqxx::transaction_base& tx, std::int64_t id) {
  tx.exec_params0("DELETE FROM release_forwards WHERE id = $1", id);
}

void forward_failed(pqxx::transaction_base& tx, std::int64_t id, const std::string& error) {
  tx.exec_params0(
      "UPDATE release_forwards SET attempts = attempts + 1, last_error = $2 WHERE id = $1", id,
      error);
}

void forward_refused(pqxx::transaction_base& tx, std::int64_t id, const std::string& error) {
  tx.exec_params0(
      "UPDATE release_forwards SET attempts = attempts + 1, last_error = $2, refused_at = now() "
      "WHERE id = $1",
      id, error);
}

}  // namespace switchyard::storage::releases
