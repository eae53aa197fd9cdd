#pragma once
// The tracker catalog over REST (tracker-api.md, CatalogService's gateway
// routes): PUT creates or replaces an entry by name, GET and DELETE take ?name=,
// and the list is by name. What they do is CatalogActions' (shared with the gRPC
// door); this reads the requests and writes the answers.
#include "request_context.hpp"
#include "tracker/catalog_actions.hpp"

namespace switchyard::api::tracker {

class Catalog {
 public:
  explicit Catalog(CatalogActions& actions) : actions_(actions) {}

  void put(RequestContext& context);
  void get(RequestContext& context);
  void remove(RequestContext& context);
  void list(RequestContext& context);

 private:
  CatalogActions& actions_;
};

}  // namespace switchyard::api::tracker
