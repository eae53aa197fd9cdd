#!/usr/bin/env bash
# The three-node RabbitMQ cluster of the broker fault tests (label `cluster`; the
# ctest fixture test_cluster calls `start` and `stop`). Its own ports, node names
# and data, apart from scripts/test-servers.sh and from any developer's stack:
#   nodes switchyard-tc-1..3@localhost, AMQP 27672-27674, management 27682-27684,
#   distribution 27692-27694 (below the ephemeral range, see test-servers.sh),
#   data under build/test-cluster/ (a leftover run is destroyed first; stop keeps it).
# The tests use vhost / of the cluster: it exists only for them.
# Usage: scripts/test-cluster.sh start|stop|status|urls|kill-node I|stop-node I|start-node I
set -euo pipefail

# The nodes outlive this script: they must not inherit its open files, above all
# the test lock that ctest runs under (flock /tmp/switchyard-tests.lock ...), or a
# node started by a test would hold that lock until it stops.
for fd in "/proc/$$/fd"/*; do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export NODES=3 PREFIX=switchyard-tc AMQP_PORT=27672 MGMT_PORT=27682 DIST_PORT=27692
export CLUSTER_DIR=${TEST_CLUSTER_DIR:-$ROOT/build/test-cluster}
cluster() { "$ROOT/scripts/rabbitmq-cluster.sh" "$@"; }

case "${1:-}" in
  start)
    cluster destroy >/dev/null
    cluster start
    echo "SWITCHYARD_TEST_CLUSTER_URLS=$(cluster urls)"
    ;;
  stop | status | urls | kill-node | stop-node | start-node) cluster "$@" ;;
  *) echo "usage: $0 start|stop|status|urls|kill-node I|stop-node I|start-node I" >&2; exit 2 ;;
esac
