# pystats: `make run` ingests the bundled sample and writes reports and trends to out/;
# `make test` runs the test suite. Both install what they need from the lockfile.
NODE_MODULES := node_modules/.package-lock.json
DIST := dist/cli/main.js
PYSTATS := node $(DIST)
DB ?= data/pystats.duckdb

.PHONY: install build run run-reports run-trends run-site test bench eval-trends clean chromium tables

install: $(NODE_MODULES)
$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: $(DIST)
$(DIST): $(NODE_MODULES) $(shell find cli pipeline workers schemas bench -name '*.ts' 2>/dev/null) tsconfig.json build.mjs
	npx tsc -p tsconfig.json --noEmit
	node build.mjs
	@touch $@

# The site's browser test drives the system's Chromium (puppeteer-core, no browser
# download): installed from Debian's archive when it is missing.
CHROMIUM := /usr/bin/chromium
chromium: $(CHROMIUM)
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: build chromium
	npx vitest run

clean:
	rm -rf dist out $(DB) $(DB).wal bench/corpus

# Regenerates every bundled version table from the CPython files kept for it
# (schemas/versions/sources/<minor>, named with their sha256 in its SOURCES file).
TABLE_MINORS := 3.12 3.13 3.14 3.15
tables: build
	@set -e; for m in $(TABLE_MINORS); do \
	  $(PYSTATS) tables --from-cpython schemas/versions/sources/$$m -o schemas/versions/$$m.json; done
	git diff --stat -- schemas/versions

# The main job on the bundled sample: ingest it, then write reports and trends to out/.
run: build
	@mkdir -p out
	$(PYSTATS) ingest data/raw/raw-multi-coroutines data/bench_runner --db $(DB)
	$(PYSTATS) runs --db $(DB)
	@$(MAKE) --no-print-directory run-reports run-trends run-site
	@echo "Store: $(DB)   Reports and trends: out/   Site: out/site/index.html"

# Every stored run's report as bench_runner publishes it, one comparison, and the drop-in
# summarize of the bundled raw directory.
run-reports: build
	@mkdir -p out/reports
	@set -e; for id in $$($(PYSTATS) sql "SELECT run_id FROM runs ORDER BY run_id" --db $(DB) --format csv | tail -n +2); do \
	  $(PYSTATS) report $$id --db $(DB) -o out/reports/run-$$id.md \
	    || echo "  (run $$id: no report; the real summarize_stats.py cannot print one for this data either)"; \
	done
	$(PYSTATS) report --db $(DB) --fork brandtbucher --benchmark all \
	  --base $$($(PYSTATS) sql "SELECT run_id FROM runs WHERE commit_hash LIKE '33903c5%'" --db $(DB) --format csv | tail -n 1) \
	  -o out/reports/warmer_side_exits-vs-base.md
	$(PYSTATS) summarize data/raw/raw-multi-coroutines --json-output out/reports/raw-multi-coroutines.json > out/reports/raw-multi-coroutines.md
	@echo "reports: $$(ls out/reports | wc -l) files in out/reports/"

# Trend tables and plots for the bundled date series (issue 4).
run-trends: build
	@mkdir -p out/trends
	@set -e; \
	main="--fork python --flags '' --benchmark all"; \
	coro="--benchmark coroutines --by benchmark"; \
	for m in instructions spec.hit:LOAD_ATTR spec.hit:CALL spec.failure:CALL effectiveness mix:8 \
	         family.count:LOAD_CONST frames.pushed alloc.per_kinstr calls.inlined; do \
	  f=out/trends/main-$$(echo $$m | tr ':' '-'); \
	  eval $(PYSTATS) trend $$m --db $(DB) $$main -o $$f.md --plot $$f.svg; \
	done; \
	for m in opcode.count:LOAD_CONST_IMMORTAL opcode.count:LOAD_CONST_MORTAL family.count:LOAD_CONST \
	         opcode.count:BINARY_SUBSCR_TUPLE_INT opcode.count:BINARY_OP_SUBSCR_TUPLE_INT effectiveness mix:6; do \
	  f=out/trends/coroutines-$$(echo $$m | tr ':' '-'); \
	  eval $(PYSTATS) trend $$m --db $(DB) $$coro -o $$f.md --plot $$f.svg; \
	done; \
	echo "Trends: out/trends/ (Markdown tables and SVG plots of the bundled date series)"

# The static site of the bundled sample: trends, runs, reports, step comparisons.
run-site: build
	@$(PYSTATS) site --db $(DB) -o out/site

# Speed and memory figures: a corpus built from the real fixture files, then each job timed.
bench: build
	node dist/bench/run-all.cjs

# Change detection evaluated on synthetic series with known steps and on the real series.
eval-trends: build
	node dist/bench/eval-trends.cjs
