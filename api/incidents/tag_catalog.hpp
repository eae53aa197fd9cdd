#pragma once
// The catalog's tags (imas-incidents-api.md, "Tags"): GET/POST /api/v1/tags/,
// GET/PATCH/DELETE /api/v1/tags/{id}/. A tag: {id, name (at most 100
// characters, unique without case: 409 "A tag with this name already
// exists."), color ("#rrggbb", default "#6c757d"), created_at}. Tagging an
// incident with an unknown name creates its tag (the incidents module).
#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

class TagCatalog {
 public:
  explicit TagCatalog(CatalogWrites& writes) : writes_(writes) {}

  void list(RequestContext& context);
  void get(RequestContext& context);
  void create(RequestContext& context) { write(context, WriteMode::kCreate); }
  void patch(RequestContext& context) { write(context, WriteMode::kPatch); }
  void remove(RequestContext& context);

 private:
  void write(RequestContext& context, WriteMode mode);

  CatalogWrites& writes_;
};

}  // namespace switchyard::api::incidents
