# pystats: `make run` ingests the bundled sample and writes reports and trends to out/;
# `make test` runs the test suite. Both install what they need from the lockfile.
NODE_MODULES := node_modules/.package-lock.json
DIST := dist/cli/main.js
PYSTATS := node $(DIST)
DB ?= data/pystats.duckdb

.PHONY: install build run test bench eval-trends clean

install: $(NODE_MODULES)
$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: $(DIST)
$(DIST): $(NODE_MODULES) $(shell find cli pipeline workers schemas bench -name '*.ts' 2>/dev/null) tsconfig.json
	npx tsc -p tsconfig.json
	@touch $@

test: build
	npx vitest run

clean:
	rm -rf dist out $(DB) $(DB).wal bench/corpus
