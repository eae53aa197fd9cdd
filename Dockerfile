# syntax=docker/dockerfile:1
# One image for every Switchyard process; the command selects it:
#   switchyard-api | switchyard-worker | switchyard-listener | switchyard migrate
# (and the other `switchyard` subcommands: check-config, hash-key, hash-password, ...).
#   docker build -t switchyard:local .
#   docker run --rm switchyard:local switchyard --help
# docs/deployment.md describes the image, docker-compose.yml and the Kubernetes
# manifests in config/kubernetes/.

# --- Swagger UI and ReDoc files for /docs and /redoc (scripts/web, npm ci) --------
# Node is needed at build time only: the runtime image gets the static files.
FROM node:22-bookworm-slim AS docs-assets
WORKDIR /web
# scripts/web/.npmrc matters: legacy-peer-deps (redoc's React peers are not in the
# lock file: only the prebuilt bundles are served) and ignore-scripts.
COPY scripts/web/package.json scripts/web/package-lock.json scripts/web/.npmrc ./
RUN npm ci --omit=dev --loglevel=error

# --- Build: the four binaries (Release, no tests) ---------------------------------
FROM debian:bookworm AS builder
# The build packages of scripts/deps.sh (without the test, lint and server ones).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libpistache-dev libpqxx-dev rapidjson-dev libfmt-dev libspdlog-dev librabbitmq-dev \
      libyaml-cpp-dev libsodium-dev libjwt-dev libcurl4-openssl-dev uuid-dev libhowardhinnant-date-dev \
      libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Only what the four targets compile (tests/ and docs/ are not needed with
# SWITCHYARD_TESTS=OFF), so a change elsewhere does not rebuild.
COPY CMakeLists.txt ./
COPY scripts/cmake/ scripts/cmake/
COPY common/ common/
COPY api/ api/
COPY listener/ listener/
COPY workers/ workers/
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSWITCHYARD_TESTS=OFF \
 && cmake --build build --target switchyard-api switchyard-worker switchyard-listener switchyard

# --- Runtime -----------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime
# The shared libraries of the four binaries (ldd → dpkg -S), and the CA bundle for
# TLS to a master (MASTER_URL), a Kubernetes API server outside the pod, amqps://.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libpistache0 libpqxx-6.4 libpq5 librabbitmq4 libsodium23 libjwt0 \
      libcurl4 libfmt9 libspdlog1.10 libyaml-cpp0.7 libstdc++6 \
      libgrpc++1.51 libgrpc29 libprotobuf32 libdate-tz3 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 switchyard \
 && useradd --system --uid 10001 --gid switchyard --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin switchyard

WORKDIR /app
# Rarely changing layers first, the binaries last. Everything is owned by root and
# only readable by the process user: nothing is written at run time.
COPY --from=docs-assets /web/node_modules/swagger-ui-dist/ docs-assets/swagger-ui-dist/
COPY --from=docs-assets /web/node_modules/redoc/bundles/ docs-assets/redoc/bundles/
COPY api/console/assets/ console-assets/
COPY migrations/ migrations/
COPY config/services.yaml config/clients.yaml config/
COPY --from=builder /src/build/switchyard-api /src/build/switchyard-worker \
     /src/build/switchyard-listener /src/build/switchyard bin/

# Absolute paths, so that the processes find their files whatever the working
# directory. config/clients.yaml is the DEVELOPMENT file (key dev-admin-key), which
# ENV=production refuses: mount your own and point CLIENTS_CONFIG_FILE at it.
ENV PATH=/app/bin:$PATH \
    SERVICES_CONFIG_FILE=/app/config/services.yaml \
    CLIENTS_CONFIG_FILE=/app/config/clients.yaml \
    MIGRATIONS_DIR=/app/migrations \
    DOCS_ASSETS_DIR=/app/docs-assets \
    CONSOLE_ASSETS_DIR=/app/console-assets

USER 10001:10001
EXPOSE 8000 8765
# Every process stops gracefully on SIGTERM (the default stop signal) and exits 0.
# No HEALTHCHECK: the image runs four different processes and only the api serves
# HTTP (GET /health); docker-compose.yml and config/kubernetes/api.yaml probe it.
CMD ["switchyard-api"]
