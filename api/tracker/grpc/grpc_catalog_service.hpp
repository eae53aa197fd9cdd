#pragma once
// tracker.catalog.v1alpha1.CatalogService
// (proto/tracker/catalog/v1alpha1/catalog.proto) over CatalogActions, each RPC
// allowed and limited as its REST twin (GrpcDoor): CreateUpdateCatalog (creates
// or replaces the entry of that name), GetCatalog, DeleteCatalog, ListCatalogs.
#include "tracker/catalog/v1alpha1/catalog.grpc.pb.h"
#include "tracker/catalog_actions.hpp"
#include "tracker/grpc/grpc_door.hpp"

namespace switchyard::api::tracker {

namespace catalog_pb = ::tracker::catalog::v1alpha1;

class GrpcCatalogService final : public catalog_pb::CatalogService::CallbackService {
 public:
  GrpcCatalogService(const GrpcDoor& door, CatalogActions& actions);

  grpc::ServerUnaryReactor* CreateUpdateCatalog(
      grpc::CallbackServerContext* context, const catalog_pb::CreateUpdateCatalogRequest* request,
      catalog_pb::CreateUpdateCatalogResponse* response) override;
  grpc::ServerUnaryReactor* GetCatalog(grpc::CallbackServerContext* context,
                                       const catalog_pb::GetCatalogRequest* request,
                                       catalog_pb::GetCatalogResponse* response) override;
  grpc::ServerUnaryReactor* DeleteCatalog(grpc::CallbackServerContext* context,
                                          const catalog_pb::DeleteCatalogRequest* request,
                                          catalog_pb::DeleteCatalogResponse* response) override;
  grpc::ServerUnaryReactor* ListCatalogs(grpc::CallbackServerContext* context,
                                         const catalog_pb::ListCatalogsRequest* request,
                                         catalog_pb::ListCatalogsResponse* response) override;

 private:
  const GrpcDoor& door_;
  CatalogActions& actions_;
  const RouteSpec& put_;
  const RouteSpec& get_;
  const RouteSpec& remove_;
  const RouteSpec& list_;
};

}  // namespace switchyard::api::tracker
