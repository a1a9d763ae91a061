# The two commands: `make run` and `make test`. Everything else is a step of those.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO      ?= go
BIN     := bin/innomunich
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
NPM     := npm --prefix frontend
# Spelled out so that Go never wanders into frontend/node_modules.
GO_PKGS := ./api/... ./cmd/... ./openapi/... ./pkg/...

# Go tests run on SQLite and, when TEST_DATABASE_URL names a PostgreSQL
# server whose role may create databases, on PostgreSQL too. Without it,
# a local server on 127.0.0.1:5432 with trust auth is used when one answers.
TEST_DATABASE_URL ?= $(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)
export TEST_DATABASE_URL

FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/public -type f 2>/dev/null) \
	$(wildcard frontend/*.json frontend/*.ts)

.PHONY: run build binary openapi test test-prereqs test-go test-go-sqlite test-go-one-goroutine test-deployments test-openapi test-frontend test-e2e test-a11y bench bench-data clean

## run: build the web app and the binary, then serve on :8080 with demo data in a new database
run: build
	$(BIN) serve --demo

build: frontend/dist/index.html binary

# Pure Go, as shipped. Built like the vet and the SQLite pass of make test
# (CGO_ENABLED=0, no -trimpath), so that after them only main is compiled
# and linked; the release image (deployments/Dockerfile) adds -trimpath.
binary:
	CGO_ENABLED=0 $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/innomunich

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONTEND_SRC)
	$(NPM) run build

## openapi: regenerate openapi/ from the annotations in api/, and the web app's typed client
openapi: frontend/node_modules/.package-lock.json
	CGO_ENABLED=0 $(GO) run ./cmd/openapi
	$(NPM) run generate:api

## test: every check — Go on SQLite and PostgreSQL, spec, frontend, end to end
test: test-prereqs test-go test-deployments test-openapi test-frontend test-e2e

# First (make builds prerequisites in order): what is missing on this
# machine is named, with the command that installs it, before minutes of
# tests run into it.
test-prereqs:
	@bash .ci/check-prereqs

# Every test of both engines, in two passes: PostgreSQL under the race
# detector, then SQLite without it (the detector slows SQLite, C
# transpiled to Go, about tenfold: it was 800 of the 1,370 test seconds),
# except pkg/database, whose connection and locking code is SQLite's own
# and keeps the detector. The race detector so sees every path of this
# code once. That last run skips the three tests that only replay the
# migrations one after another, which both passes run already (46 of its
# 63 s). vet and the SQLite pass build as the binary ships, without cgo
# (CGO_ENABLED=0), so the binary the browser tests serve, and cmd/openapi,
# reuse their compiled packages. Without PostgreSQL: one pass on SQLite,
# under the detector.
# Three api tests send one request after another from the test's own
# goroutine, and the server starts none of its own: the race detector,
# which reports two goroutines touching the same memory, has nothing to
# find in them, and they took 187 of api's 305 s under it (every operation
# of the spec fuzzed, the meetings' authorisation table, the plan of every
# list; 81 s without it). The PostgreSQL pass runs them without the
# detector, beside the SQLite pass, whose compiled packages they share.
# -timeout: on a machine busy with other work the largest packages can
# outlast go test's default 10 minutes.
MIGRATION_REPLAYS := ^(TestUpgradeFromTheFirstReleaseKeepsData|TestMigrationsRollBackAndReapply|TestMigration29WritesStoredReadingsInKatakana)$$
ONE_GOROUTINE := ^(TestNoInputFromTheSpecMakesTheServerFail|TestMeetingsAuthorization|TestEveryDocumentedListFilterAndSortUsesAnIndex)$$
test-go:
	CGO_ENABLED=0 $(GO) vet $(GO_PKGS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './frontend/*'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	@if [ -z "$$TEST_DATABASE_URL" ]; then \
	  echo "$(GO) test -race -count=1 -timeout 25m $(GO_PKGS)"; \
	  $(GO) test -race -count=1 -timeout 25m $(GO_PKGS); \
	else \
	  set -e; \
	  echo "TEST_ENGINES=postgres $(GO) test -race -count=1 -timeout 25m -skip '$(ONE_GOROUTINE)' $(GO_PKGS)"; \
	  TEST_ENGINES=postgres $(GO) test -race -count=1 -timeout 25m -skip '$(ONE_GOROUTINE)' $(GO_PKGS); \
	  $(MAKE) --no-print-directory -j2 --output-sync=target test-go-sqlite test-go-one-goroutine; \
	  echo "TEST_ENGINES=sqlite $(GO) test -race -count=1 -skip '$(MIGRATION_REPLAYS)' ./pkg/database/..."; \
	  TEST_ENGINES=sqlite $(GO) test -race -count=1 -skip '$(MIGRATION_REPLAYS)' ./pkg/database/...; \
	fi

# Side by side (make -j2 from test-go, each one's output in one piece):
# the second waits on PostgreSQL more than it computes.
test-go-sqlite:
	TEST_ENGINES=sqlite CGO_ENABLED=0 $(GO) test -count=1 -timeout 25m $(GO_PKGS)

test-go-one-goroutine:
	TEST_ENGINES=postgres CGO_ENABLED=0 $(GO) test -count=1 -run '$(ONE_GOROUTINE)' ./api/

# The Kubernetes manifests (kustomize build, strict decoding into the
# k8s.io/api types, reviewer checks), the Dockerfile and compose file, and
# the monitoring rules (promtool, which CI installs with Debian's
# prometheus package): a module of its own, so that the server does not
# carry the Kubernetes libraries.
test-deployments:
	cd deployments/validate && $(GO) vet ./... && $(GO) test -count=1 ./...

test-openapi: frontend/node_modules/.package-lock.json
	CGO_ENABLED=0 $(GO) run ./cmd/openapi -check
	$(NPM) run lint:openapi

test-frontend: frontend/node_modules/.package-lock.json
	$(NPM) run check:api
	$(NPM) run typecheck
	$(NPM) run lint
	$(NPM) test

test-e2e: build
	$(NPM) run check:size
	$(NPM) run e2e

## test-a11y: only the axe-core sweep of every main page in de/en/ja and dark (part of make test)
test-a11y: build
	$(NPM) run e2e:a11y

## bench: load test on SQLite at 20k and PostgreSQL at 10k and 1M organisations; prints and writes docs/performance.md (not part of test)
bench: binary
	bash .ci/bench

## bench-data: only generate (or find cached) the bench data sets; BENCH_SCALES=10000,1000000 by default
bench-data: binary
	bash .ci/bench --data-only

clean:
	rm -rf bin frontend/dist
