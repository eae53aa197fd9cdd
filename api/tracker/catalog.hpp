#pragma once
// The tracker catalog (tracker-api.md, CatalogService): PUT creates or replaces an
// entry by name, GET and DELETE take ?name=, and the list is by name. Writes are
// tracker.* tasks, awaited, then answered from the stored row.
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api::tracker {

class Catalog {
 public:
  Catalog(AwaitedWriter& writer, db::ConnectionPool& pool) : writer_(writer), pool_(pool) {}

  void put(RequestContext& context);
  void get(RequestContext& context);
  void remove(RequestContext& context);
  void list(RequestContext& context);

 private:
  void answer_entry(Responder& responder, const std::string& name);

  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
};

}  // namespace switchyard::api::tracker
