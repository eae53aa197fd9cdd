# Switchyard: build, test and run the local stack without Docker.
# `make` lists the targets; each documented one carries a `## ` comment.
# Overridable: WORKERS, API_PORT, BUILD_TYPE, JOBS, DATABASE_URL, CTEST_ARGS.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory
.NOTPARALLEL:

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
WORKERS ?= 1
PROMETHEUS ?= 0
RABBITMQ_NODES ?= 1
API_PORT ?= 8000
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
DATABASE_URL ?= postgresql://postgres:postgres@localhost:5432/tasks
CTEST_ARGS ?=
PGDATA_DIR ?= $(ROOT)/.run/postgres
RABBITMQ_DIR ?= $(ROOT)/.run/rabbitmq
NODE ?= switchyard@localhost
LOGS := $(ROOT)/.run/logs
SOURCE_DIRS := $(wildcard api listener workers common tests)

export WORKERS API_PORT

# Test servers normally stop with the ctest fixture; this catches an aborted run.
STOP_TEST_SERVERS := if [ -d build/test-servers ]; then scripts/test-servers.sh stop >/dev/null 2>&1 || true; fi

# $(call configure,DIR,CMAKE ARGS): Ninja for a new build tree, else the tree's own generator.
define configure
if [ -f $(1)/CMakeCache.txt ]; then cmake -S . -B $(1) $(2); \
else cmake -S . -B $(1) $$(command -v ninja >/dev/null && echo -G Ninja) $(2); fi
endef

.PHONY: help deps build build-debug build-asan up down slave-up slave-down restart restart-api restart-listener \
	restart-worker ps logs logs-api logs-listener logs-worker logs-db logs-rabbitmq health-check \
	migrate migrate-check migrate-history new-migration exec-db test test-specific coverage lint \
	format format-check clean clean-all scale-workers bench bench-workflows bench-incidents bench-alerts bench-grpc bench-reads \
	install upgrade-revision bump-patch bump-minor bump-major version clean-cache restart-consumer \
	restart-worker-python

help: ## List the targets
	@echo "Usage: make TARGET [WORKERS=n] [API_PORT=p] [BUILD_TYPE=Release|Debug]"
	@awk 'BEGIN { FS = ":.*## " } \
	  /^## --- / { printf "\n%s\n", substr($$0, 8) } \
	  /^[a-zA-Z_-]+:.*## / { printf "  %-22s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

## --- Build
deps: ## Install missing Debian packages and the docs assets (idempotent)
	@scripts/deps.sh

install: deps ## Same as deps (the AsyncTaskAPI name): make install && make up

build: ## Build into build/ (BUILD_TYPE, Release by default)
	@$(call configure,build,-DCMAKE_BUILD_TYPE=$(BUILD_TYPE))
	@cmake --build build --parallel $(JOBS)

build-debug: ## Debug build into build-debug/
	@$(call configure,build-debug,-DCMAKE_BUILD_TYPE=Debug)
	@cmake --build build-debug --parallel $(JOBS)

build-asan: ## AddressSanitizer + UBSan build into build-asan/
	@$(call configure,build-asan,-DCMAKE_BUILD_TYPE=Debug -DSWITCHYARD_SANITIZE=ON)
	@cmake --build build-asan --parallel $(JOBS)

## --- Local stack
up: ## Install, build, start PostgreSQL, RabbitMQ, migrate, start api/listener/WORKERS workers (PROMETHEUS=1: and Prometheus on :9090; RABBITMQ_NODES=3: a local broker cluster)
	@PROMETHEUS=$(PROMETHEUS) RABBITMQ_NODES=$(RABBITMQ_NODES) scripts/up.sh

down: ## Stop the processes and the local PostgreSQL and RabbitMQ
	@scripts/down.sh

slave-up: ## Start a release-tracker slave beside the stack, forwarding to it (SLAVE_NAME=edge SLAVE_PORT=8001)
	@scripts/slave.sh up

slave-down: ## Stop that slave's processes
	@scripts/slave.sh down

restart: ## Restart api, listener and workers
	@scripts/processes.sh restart all

restart-api: ## Restart the api
	@scripts/processes.sh restart api

restart-listener: ## Restart the listener
	@scripts/processes.sh restart listener

restart-worker: ## Restart the workers
	@scripts/processes.sh restart worker

restart-consumer: ## Restart the listener (the AsyncTaskAPI consumer)
	@scripts/processes.sh restart listener

restart-worker-python: ## No Python workers here: restarts the C++ workers (restart-worker)
	@echo "restart-worker-python: Switchyard's workers are C++ (switchyard-worker); restarting them as 'make restart-worker' does. The Node.js worker (workers/js) runs on its own: see workers/js/README.md."
	@scripts/processes.sh restart worker

scale-workers: ## Run N worker processes: make scale-workers N=4
	@[ -n "$(N)" ] || { echo "usage: make scale-workers N=4" >&2; exit 2; }
	@scripts/processes.sh scale $(N)
	@scripts/prometheus.sh targets

ps: ## Show processes and servers
	@scripts/processes.sh status
	@echo
	@scripts/postgres.sh status || true
	@scripts/rabbitmq.sh status || true
	@if [ -d .run/rabbitmq-cluster ]; then scripts/rabbitmq-cluster.sh status || true; fi
	@scripts/prometheus.sh status

logs: ## Follow every process log
	@ls $(LOGS)/*.log >/dev/null 2>&1 || { echo "no logs in .run/logs yet (make up)" >&2; exit 1; }
	@tail -n 20 -F $(LOGS)/*.log

logs-api: ## Follow the api log
	@tail -n 50 -F $(LOGS)/api.log

logs-listener: ## Follow the listener log
	@tail -n 50 -F $(LOGS)/listener.log

logs-worker: ## Follow the worker logs
	@ls $(LOGS)/worker-*.log >/dev/null 2>&1 || { echo "no worker logs yet (make up)" >&2; exit 1; }
	@tail -n 20 -F $(LOGS)/worker-*.log

logs-db: ## Follow the local PostgreSQL log
	@tail -n 50 -F $(PGDATA_DIR)/server.log

logs-rabbitmq: ## Follow the local RabbitMQ node log
	@tail -n 50 -F $(RABBITMQ_DIR)/log/$(NODE).log

health-check: ## GET /health, pretty-printed; fails unless 200
	@out=$$(curl -sS -w '\n%{http_code}' http://localhost:$(API_PORT)/health) || { echo "no answer on port $(API_PORT) (make up?)" >&2; exit 1; }; \
	code=$$(tail -n 1 <<<"$$out"); body=$$(sed '$$d' <<<"$$out"); \
	python3 -m json.tool <<<"$$body" 2>/dev/null || echo "$$body"; \
	echo "HTTP $$code"; [ "$$code" = 200 ]

## --- Database
migrate: build ## Apply pending migrations (creates the database if missing)
	@DATABASE_URL='$(DATABASE_URL)' build/switchyard migrate

migrate-check: build ## Fail if migrations are pending or applied ones were edited
	@DATABASE_URL='$(DATABASE_URL)' build/switchyard migrate-check

migrate-history: build ## List applied migrations
	@DATABASE_URL='$(DATABASE_URL)' build/switchyard migrate-history

new-migration: build ## Create migrations/NNNN_NAME.sql: make new-migration NAME=add_index
	@[ -n "$(NAME)" ] || { echo "usage: make new-migration NAME=add_something" >&2; exit 2; }
	@build/switchyard new-migration $(NAME)

upgrade-revision: ## Same as new-migration (the AsyncTaskAPI name): make upgrade-revision NAME=add_index
	@[ -n "$(NAME)" ] || { echo "usage: make upgrade-revision NAME=add_something (the slug of the new migrations/NNNN_add_something.sql)" >&2; exit 2; }
	@$(MAKE) new-migration NAME='$(NAME)'

exec-db: ## psql on DATABASE_URL
	@psql '$(DATABASE_URL)'

## --- Quality
test: deps build ## All tests (unit, pg, amqp, e2e); servers are started by the tests
	@rc=0; ctest --test-dir build --output-on-failure --no-tests=error $(CTEST_ARGS) || rc=$$?; \
	$(STOP_TEST_SERVERS); exit $$rc

test-specific: build ## Tests matching a regex: make test-specific FILTER=TaskConsumer
	@[ -n "$(FILTER)" ] || { echo "usage: make test-specific FILTER=regex" >&2; exit 2; }
	@rc=0; ctest --test-dir build --output-on-failure -R '$(FILTER)' $(CTEST_ARGS) || rc=$$?; \
	$(STOP_TEST_SERVERS); exit $$rc

coverage: deps ## Coverage build, tests, gcovr summary + HTML in build-coverage/coverage/
	@$(call configure,build-coverage,-DCMAKE_BUILD_TYPE=Debug -DSWITCHYARD_COVERAGE=ON)
	@cmake --build build-coverage --parallel $(JOBS)
	@find build-coverage -name '*.gcda' -delete
	@rc=0; ctest --test-dir build-coverage --output-on-failure $(CTEST_ARGS) || rc=$$?; \
	$(STOP_TEST_SERVERS); \
	mkdir -p build-coverage/coverage; \
	gcovr --root . --object-directory build-coverage --exclude 'tests/' --exclude 'build.*/' \
	  --print-summary --html-details build-coverage/coverage/index.html; \
	echo "HTML report: build-coverage/coverage/index.html"; exit $$rc

lint: build ## clang-tidy (build/compile_commands.json) and cppcheck on the project sources
	@files=$$(find $(SOURCE_DIRS) -name '*.cpp' 2>/dev/null | sort); \
	echo "clang-tidy on $$(wc -w <<<"$$files") files"; \
	rc=0; xargs -r -P $(JOBS) -n 4 clang-tidy -p build --quiet --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-ambiguous-reversed-operator \
	  --header-filter='^$(ROOT)/(api|listener|workers|common|tests)/' <<<"$$files" || rc=1; \
	echo "cppcheck"; \
	cppcheck --project=build/compile_commands.json --quiet --library=googletest --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem --suppress='*:/usr/*' -i build \
	  --error-exitcode=1 -j $(JOBS) || rc=1; \
	exit $$rc

format: ## clang-format -i every .cpp/.hpp under api/ listener/ workers/ common/ tests/
	@[ -f .clang-format ] || { echo "no .clang-format at the top of the repository" >&2; exit 1; }
	@find $(SOURCE_DIRS) \( -name '*.cpp' -o -name '*.hpp' \) -print0 2>/dev/null | xargs -0 -r clang-format -i

format-check: ## Fail if a source file is not clang-formatted
	@[ -f .clang-format ] || { echo "no .clang-format at the top of the repository" >&2; exit 1; }
	@find $(SOURCE_DIRS) \( -name '*.cpp' -o -name '*.hpp' \) -print0 2>/dev/null | xargs -0 -r clang-format --dry-run --Werror

bench: ## Benchmark on the local stack (DURATION=20 CONNECTIONS=32)
	@scripts/bench/run.sh

bench-workflows: ## Workflows on the local stack: step boundary latency, workflows/s (DURATION=20 CONNECTIONS=16)
	@scripts/up.sh && python3 scripts/bench/workflows.py

bench-incidents: ## Incident creations/s with the orchestration on, against a recording server (DURATION=20 CONNECTIONS=32)
	@scripts/up.sh && python3 scripts/bench/incidents.py

bench-alerts: ## Alert intake with dedup on the local stack: alerts/s, answer p99 (DURATION=20 CONNECTIONS=16, RATE=<alerts/s> paced; needs rate_limits.webhooks off)
	@scripts/up.sh && python3 scripts/bench/alerts.py

bench-grpc: ## Tracker create-event rate, REST then gRPC, on the local stack (DURATION=15 CONNECTIONS=16)
	@scripts/bench/grpc.sh

bench-reads: build ## Time every list read at 10M tasks in a throwaway database (BENCH_TASKS, BENCH_EVENTS, BENCH_INCIDENTS)
	@DATABASE_URL='$(DATABASE_URL)' scripts/bench/reads.sh

.PHONY: fuzz
fuzz: deps ## libFuzzer targets (tests/fuzz) for FUZZ_SECONDS each (30) from tests/fuzz/corpus, in build-fuzz/ (clang)
	@FUZZ_SECONDS='$(or $(FUZZ_SECONDS),30)' JOBS='$(JOBS)' scripts/fuzz.sh

## --- Release
version: ## Print the version (project VERSION in CMakeLists.txt, reported by /health)
	@scripts/bump.sh current

bump-patch: ## Release X.Y.Z+1: CHANGELOG.md section from the commits since the last tag, commit, tag vX.Y.Z (clean tree only)
	@scripts/bump.sh patch

bump-minor: ## Release X.Y+1.0, as bump-patch
	@scripts/bump.sh minor

bump-major: ## Release X+1.0.0, as bump-patch
	@scripts/bump.sh major

## --- Cleaning
clean: ## Remove the build trees build, build-debug, build-asan, build-coverage
	@$(STOP_TEST_SERVERS)
	@rm -rf build build-debug build-asan build-coverage

clean-cache: ## Remove every build tree (build, build-*), npm and Python caches; keeps .run/ and node_modules
	@$(STOP_TEST_SERVERS)
	@rm -rf build build-*/ compile_commands.json
	@find scripts workers -path '*/node_modules/.cache' -prune -exec rm -rf {} + 2>/dev/null || true
	@find . -name __pycache__ -not -path './.run/*' -prune -exec rm -rf {} + 2>/dev/null || true

clean-all: down clean ## clean + down + remove .run/ and scripts/web/node_modules
	@scripts/rabbitmq.sh destroy >/dev/null
	@scripts/postgres.sh destroy >/dev/null
	@rm -rf .run scripts/web/node_modules
