#pragma once
// What the tracker does with its catalog, whatever the door (the REST routes of
// catalog.cpp, the gRPC CatalogService): a put creates or replaces the entry of a
// name and a delete removes it, both tracker.* tasks settled once stored; reads
// come from PostgreSQL. Input arrives in the original's JSON (wire_rows).
#include <rapidjson/document.h>

#include <string>

#include "db/connection_pool.hpp"
#include "domain/tracker/catalog_entry.hpp"
#include "http/awaited_writer.hpp"
#include "storage/tracker/catalog_repository.hpp"
#include "tracker/settled.hpp"
#include "tracker/tracker_paging.hpp"

namespace switchyard::api::tracker {

using domain::tracker::CatalogEntry;

class CatalogActions {
 public:
  CatalogActions(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  // `body`: the entry (name and type required).
  void put(const rapidjson::Value& body, const std::string& caller, Settled<CatalogEntry> done);
  // `done.stored` gets the name.
  void remove(const std::string& name, const std::string& caller, Settled<std::string> done);

  // 400 for a missing name, 404 for an unknown one.
  CatalogEntry get(const std::string& name) const;
  // By name.
  storage::tracker::CatalogPage page(const Paging& paging) const;

 private:
  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

// 400 unless `name` is a catalog entry's name (1 to 200 characters).
void require_catalog_name(const std::optional<std::string>& name);

}  // namespace switchyard::api::tracker
