"""A Python client of the tracker's gRPC door, run by tracker_grpc_python_e2etest.

Stubs come from the same .proto files, generated at test time by protoc with
Debian's grpc_python_plugin (PYTHONPATH names where). It takes a lock, sees the
second take refused, releases it, records and reads an event and a catalog
entry, then asks the standard health service and server reflection with raw
bytes (their stubs are not shipped with python3-grpcio). Prints one line per
step; exits non-zero on the first mismatch.
Usage: tracker_grpc_client.py HOST:PORT API_KEY
"""
import sys

import grpc

from tracker.catalog.v1alpha1 import catalog_pb2, catalog_pb2_grpc
from tracker.event.v1alpha1 import event_pb2, event_pb2_grpc
from tracker.lock.v1alpha1 import lock_pb2, lock_pb2_grpc


def check(condition, what):
    if not condition:
        sys.exit(f"FAILED: {what}")
    print(f"ok: {what}")


def main(target, key):
    channel = grpc.insecure_channel(target)
    grpc.channel_ready_future(channel).result(timeout=30)
    auth = [("authorization", f"Bearer {key}")]
    locks = lock_pb2_grpc.LockServiceStub(channel)
    events = event_pb2_grpc.EventServiceStub(channel)
    catalog = catalog_pb2_grpc.CatalogServiceStub(channel)

    taken = locks.CreateLock(lock_pb2.CreateLockRequest(service="py-deploy", who="python"),
                             metadata=auth, timeout=30)
    check(taken.lock.service == "py-deploy" and taken.lock.id, "CreateLock")
    try:
        locks.CreateLock(lock_pb2.CreateLockRequest(service="py-deploy", who="other"),
                         metadata=auth, timeout=30)
        check(False, "a second CreateLock is refused")
    except grpc.RpcError as e:
        check(e.code() == grpc.StatusCode.ALREADY_EXISTS, f"a second CreateLock is {e.code()}")
    got = locks.GetLock(lock_pb2.GetLockRequest(id=taken.lock.id), metadata=auth, timeout=30)
    check(got.lock == taken.lock, "GetLock")
    released = locks.UnLock(lock_pb2.UnLockRequest(id=taken.lock.id), metadata=auth, timeout=30)
    check(released.count == 1 and released.id == taken.lock.id, "UnLock")

    attributes = event_pb2.EventAttributes(type=event_pb2.deployment, service="py-service",
                                           priority=event_pb2.P1, environment=event_pb2.UAT)
    created = events.CreateEvent(event_pb2.CreateEventRequest(title="from python",
                                                              attributes=attributes),
                                 metadata=auth, timeout=30)
    check(created.event.attributes.environment == event_pb2.UAT, "CreateEvent")
    read = events.GetEvent(event_pb2.GetEventRequest(id=created.event.metadata.id),
                           metadata=auth, timeout=30)
    check(read.event == created.event, "GetEvent")
    found = events.SearchEvents(event_pb2.SearchEventsRequest(service="py-service"),
                                metadata=auth, timeout=30)
    check(found.total_count == 1, "SearchEvents")

    entry = catalog.CreateUpdateCatalog(
        catalog_pb2.CreateUpdateCatalogRequest(name="py-lib", type=catalog_pb2.library,
                                               languages=catalog_pb2.python),
        metadata=auth, timeout=30)
    check(entry.catalog.languages == catalog_pb2.python, "CreateUpdateCatalog")
    listed = catalog.ListCatalogs(catalog_pb2.ListCatalogsRequest(), metadata=auth, timeout=30)
    check(any(c.name == "py-lib" for c in listed.catalogs), "ListCatalogs")

    try:
        events.ListEvents(event_pb2.ListEventsRequest(), timeout=30)
        check(False, "a call without credentials is refused")
    except grpc.RpcError as e:
        check(e.code() == grpc.StatusCode.UNAUTHENTICATED, f"no credentials: {e.code()}")

    # grpc.health.v1.Health/Check of "" (an empty request): status SERVING is field
    # 1 = 1, i.e. the bytes 08 01.
    health = channel.unary_unary("/grpc.health.v1.Health/Check")(b"", timeout=30)
    check(health == b"\x08\x01", "health SERVING")
    # grpc.reflection.v1alpha.ServerReflection: list_services (field 7, empty).
    reflect = channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")
    answer = b"".join(reflect(iter([b"\x3a\x00"]), timeout=30))
    for service in (b"tracker.event.v1alpha1.EventService", b"tracker.catalog.v1alpha1.CatalogService",
                    b"tracker.lock.v1alpha1.LockService"):
        check(service in answer, f"reflection lists {service.decode()}")
    print("python client: all passed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
