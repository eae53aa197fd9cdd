#include "tracker/grpc/grpc_catalog_service.hpp"

#include "tracker/grpc/proto_json.hpp"
#include "tracker/wire_json.hpp"

namespace switchyard::api::tracker {
namespace {

using Pistache::Http::Method;

void fill_entry(const CatalogEntry& entry, catalog_pb::Catalog& message) {
  fill_from_wire(::switchyard::tracker::catalog_to_wire(entry), message);
}

}  // namespace

GrpcCatalogService::GrpcCatalogService(const GrpcDoor& door, CatalogActions& actions)
    : door_(door),
      actions_(actions),
      put_(door.route(Method::Put, "/api/v1alpha1/catalog")),
      get_(door.route(Method::Get, "/api/v1alpha1/catalog")),
      remove_(door.route(Method::Delete, "/api/v1alpha1/catalog")),
      list_(door.route(Method::Get, "/api/v1alpha1/catalogs/list")) {}

grpc::ServerUnaryReactor* GrpcCatalogService::CreateUpdateCatalog(
    grpc::CallbackServerContext* context, const catalog_pb::CreateUpdateCatalogRequest* request,
    catalog_pb::CreateUpdateCatalogResponse* response) {
  return door_.call(context, put_, [&](const GrpcCaller& caller, const auto& answer) {
    actions_.put(json_of(*request), caller.name,
                 answer->template settled<CatalogEntry>([response](const CatalogEntry& entry) {
                   fill_entry(entry, *response->mutable_catalog());
                 }));
  });
}

grpc::ServerUnaryReactor* GrpcCatalogService::GetCatalog(
    grpc::CallbackServerContext* context, const catalog_pb::GetCatalogRequest* request,
    catalog_pb::GetCatalogResponse* response) {
  return door_.call(context, get_, [&](const GrpcCaller&, const auto& answer) {
    fill_entry(actions_.get(request->name()), *response->mutable_catalog());
    answer->ok();
  });
}

grpc::ServerUnaryReactor* GrpcCatalogService::DeleteCatalog(
    grpc::CallbackServerContext* context, const catalog_pb::DeleteCatalogRequest* request,
    catalog_pb::DeleteCatalogResponse* response) {
  return door_.call(context, remove_, [&](const GrpcCaller& caller, const auto& answer) {
    actions_.remove(request->name(), caller.name,
                    answer->template settled<std::string>([response](const std::string& name) {
                      response->set_message("catalog entry deleted");
                      response->set_name(name);
                    }));
  });
}

grpc::ServerUnaryReactor* GrpcCatalogService::ListCatalogs(
    grpc::CallbackServerContext* context, const catalog_pb::ListCatalogsRequest* request,
    catalog_pb::ListCatalogsResponse* response) {
  return door_.call(context, list_, [&](const GrpcCaller&, const auto& answer) {
    const auto page = actions_.page(request_paging(*request));
    for (const auto& entry : page.entries) fill_entry(entry, *response->add_catalogs());
    response->set_total_count(static_cast<std::uint32_t>(page.total));
    answer->ok();
  });
}

}  // namespace switchyard::api::tracker
