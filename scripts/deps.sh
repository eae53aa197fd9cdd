#!/usr/bin/env bash
# Install what Switchyard needs to build, test and run on Debian 12, idempotently:
# missing apt packages (checked with dpkg-query first, so a second run is instant
# and needs no network), then the npm packages (npm ci): the docs assets in
# scripts/web, the Node.js example worker's amqplib in workers/js and the
# console's browser tests' playwright-core in tests/browser (it drives Debian's
# chromium: no browser download).
# System PostgreSQL/RabbitMQ services that an install starts are stopped again:
# the project runs its own private servers (scripts/postgres.sh, scripts/rabbitmq.sh).
# Usage: scripts/deps.sh            (as root, or as a user with sudo)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WEB_DIR="$ROOT/scripts/web"
JS_WORKER_DIR="$ROOT/workers/js"
BROWSER_TESTS_DIR="$ROOT/tests/browser"

PACKAGES=(
  build-essential cmake ninja-build pkg-config git curl ca-certificates python3
  libpistache-dev libpqxx-dev rapidjson-dev libfmt-dev libspdlog-dev librabbitmq-dev
  libyaml-cpp-dev libgtest-dev libgmock-dev libsodium-dev libjwt-dev
  libcurl4-openssl-dev uuid-dev openssl libhowardhinnant-date-dev tzdata
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc python3-grpcio python3-protobuf
  postgresql postgresql-contrib rabbitmq-server wrk nodejs npm
  clang-format clang-tidy cppcheck gcovr clang-14 libclang-rt-14-dev
  prometheus
  chromium
)
# System services that a package's postinst may start, with the port they take.
SERVICES=(postgresql:5432 rabbitmq-server:5672 prometheus:9090 prometheus-node-exporter:9100)

log() { echo "deps: $*"; }
die() { echo "deps: error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "not root and no sudo: install as root: $*"
  fi
}

# Names of installed packages and of the virtual packages they provide
# (NodeSource's nodejs provides npm, for instance), one per line.
installed_names() {
  dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null |
    awk -F'|' '$1 ~ /^ii/ {
      print $2
      n = split($3, p, ",")
      for (i = 1; i <= n; i++) { sub(/^ +/, "", p[i]); sub(/[ (].*/, "", p[i]); if (p[i] != "") print p[i] }
    }' | sort -u
}

missing_packages() {
  local have
  have=$(installed_names)
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    grep -qxF "$pkg" <<<"$have" || echo "$pkg"
  done
}

# 0 when something listens on 127.0.0.1:PORT (asking the services themselves
# would run rabbitmqctl, which leaves an epmd behind).
port_busy() {
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$1")" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

install_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "all ${#PACKAGES[@]} Debian packages present"
    return 0
  fi
  log "installing ${#missing[@]} missing package(s): ${missing[*]}"
  local -a busy_before=()
  local entry
  for entry in "${SERVICES[@]}"; do
    if port_busy "${entry#*:}"; then busy_before+=("$entry"); fi
  done
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  stop_new_services "${busy_before[@]}"
}

# Stop system services that the install just started: they would take the
# ports 5432/5672 that the local stack uses. Arguments: entries busy before.
stop_new_services() {
  local entry svc
  for entry in "${SERVICES[@]}"; do
    if [[ " $* " == *" $entry "* ]] || ! port_busy "${entry#*:}"; then continue; fi
    svc=${entry%%:*}
    log "stopping system service $svc, started by its package (the project runs its own servers)"
    as_root service "$svc" stop || true
    log "to keep it from starting at boot: sudo systemctl disable $svc"
  done
}

# npm ci in DIR when its node_modules is missing or older than package.json /
# package-lock.json. Arguments: DIR, what it installs (for the log).
install_node_modules() {
  local dir=$1 what=$2
  local stamp="$dir/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$dir/package.json" ] &&
     { [ ! -f "$dir/package-lock.json" ] || [ "$stamp" -nt "$dir/package-lock.json" ]; }; then
    log "$what present in ${dir#"$ROOT"/}/node_modules"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || die "npm not found"
  log "installing $what into ${dir#"$ROOT"/}/node_modules"
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  touch "$stamp"
}

main() {
  command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script is for Debian"
  install_packages
  install_node_modules "$WEB_DIR" "docs assets (swagger-ui-dist, redoc)"
  # The Node.js example worker, which tests/e2e/js_worker_e2etest.cpp runs.
  install_node_modules "$JS_WORKER_DIR" "the Node.js worker's amqplib"
  # The console's browser tests (tests/e2e/console/console_e2etest.cpp).
  install_node_modules "$BROWSER_TESTS_DIR" "playwright-core"
}

main "$@"
