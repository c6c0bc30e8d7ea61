# actorgraph: `make help` lists the targets. The work is in scripts/, so every
# target also runs by hand (scripts/<name>.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help build dev run test fuzz eval bench web neo4j-jars neo4j-start neo4j-stop neo4j-status \
	image dockerd compose-check compose-run vocab soak clean distclean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/actorgraph
	@echo "==> go build -o bin/actorgraph ./cmd/actorgraph"
	@go build -o bin/actorgraph ./cmd/actorgraph

dev: ## build bin/actorgraph-dev, the developer's commands (gen: synthetic graphs); not part of the product
	@echo "==> go build -o bin/actorgraph-dev ./cmd/actorgraph-dev"
	@go build -o bin/actorgraph-dev ./cmd/actorgraph-dev

run: build ## run actorgraph on :8080 (ADDR=...) against NEO4J_URI, or a local Neo4j it starts
	@scripts/run.sh

test: ## jars, Docker, local Neo4j image, compose check and run, go vet, go test (real Neo4j)
	@scripts/test.sh

fuzz: ## fuzz the parsers
	@scripts/fuzz.sh

eval: ## score the ingest: dev split with its misses, test split against the targets (EVAL_DIR=DIR: score DIR)
	@scripts/eval.sh

bench: ## side-by-side benchmarks on synthetic graphs (SIZES=10k,100k; results in bench/results/)
	@scripts/bench.sh

soak: ## Neo4j killed and restarted under a 60 s load: no exit, 503 not 500, no lost or doubled rows
	@scripts/soak.sh

web: ## build/check the web explorer
	@scripts/web.sh

neo4j-jars: ## resolve the Neo4j 5.26.30 jars into .neo4j/lib
	@scripts/neo4j-jars.sh

neo4j-start: ## start the local Neo4j on 127.0.0.1:7687 (password NEO4J_PASSWORD, default actorgraph)
	@scripts/neo4j-local.sh start

neo4j-stop: ## stop the local Neo4j
	@scripts/neo4j-local.sh stop

neo4j-status: ## is the local Neo4j running?
	@scripts/neo4j-local.sh status

image: ## build the local image actorgraph/neo4j:5.26-local (no Docker Hub needed)
	@scripts/neo4j-image.sh

dockerd: ## make sure a Docker engine runs (installs Debian's docker.io if needed)
	@scripts/dockerd.sh

compose-check: ## validate docker-compose.yml
	@scripts/compose-check.sh

compose-run: ## docker-compose up for real (local images): data loads, /readyz, a path; two replicas agree; down -v
	@scripts/compose-run.sh

vocab: ## regenerate docs/vocabulary.md from graph/ (a test fails when it drifts)
	@go run ./cmd/actorgraph vocab > docs/vocabulary.md

clean: ## remove build and test output (keeps jars, image root and the local database)
	@echo "==> removing bin/ and test output"
	@rm -rf bin/ *.test *.out testdata/fuzz-out/

distclean: clean ## also remove .neo4j (jars and local database), .image and the local image
	@scripts/neo4j-local.sh stop
	@echo "==> removing .neo4j/ .image/ and actorgraph/neo4j:5.26-local"
	@rm -rf .neo4j/ .image/
	@docker image rm actorgraph/neo4j:5.26-local >/dev/null 2>&1 || true
