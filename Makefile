# Two commands on a fresh machine: `make demo` and `make test` (README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= indexes
# bench-full's synthetic national-scale corpus sizes (benchmarks/scale_bench.py; 100000 takes days of CPU here)
SCALE_SIZES ?= 1000 10000

.PHONY: demo test lint format bench bench-full eval install install-test clean system-deps

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## demo: install, build corpus/ into indexes/, print what was built, the top findings and the report path
demo: install
	$(VENV)/bin/review build corpus --corpus $(CORPUS)
	@echo
	$(VENV)/bin/review docs --corpus $(CORPUS)
	@echo
	@echo "An office's own documents — thành phố Hà Nội (văn bản của địa phương):"
	$(VENV)/bin/review docs --corpus $(CORPUS) --authority HN
	@echo
	@echo "Their findings (phát hiện rà soát văn bản của Hà Nội):"
	$(VENV)/bin/review findings --corpus $(CORPUS) --authority HN --limit 10 --format table
	@echo
	@echo "The central laws they rest on (căn cứ của QĐ 13/2025/QĐ-UBND):"
	$(VENV)/bin/review graph deps 13/2025/QĐ-UBND@HN --corpus $(CORPUS) --relation legal_basis --depth 1 --format table
	@echo
	@echo "Top findings of the whole corpus (phát hiện rà soát):"
	$(VENV)/bin/review findings --corpus $(CORPUS) --limit 15 --format table
	@echo
	@echo "Report (báo cáo):"
	$(VENV)/bin/review report --corpus $(CORPUS)
	@echo
	@echo "Web app (trang rà soát): $(VENV)/bin/review serve --corpus $(CORPUS)  → http://127.0.0.1:8000/"

## test: install with test dependencies (system packages too, where it can) and run the whole suite
test: install-test
	@tools/system-deps.sh
	$(PY) -m pytest -q

lint: install-test
	$(VENV)/bin/ruff check review tests benchmarks tools
	$(VENV)/bin/ruff format --check review tests benchmarks tools
	$(VENV)/bin/mypy

format: install-test
	$(VENV)/bin/ruff format review tests benchmarks
	$(VENV)/bin/ruff check --fix review tests benchmarks

## bench: speed figures in under 3 minutes (--quick), one JSON with every figure and its ratio to the baseline
## (benchmarks/baselines/), progress on stderr; bench-full: every set, the engines on the whole pháp điển, the graph,
## and the synthetic national-scale corpus (SCALE_SIZES documents, growth table, Dask LocalCluster vs serial)
bench: install
	mkdir -p bench-results
	$(PY) -m benchmarks.run --quick --out bench-results/bench.json

bench-full: install
	mkdir -p bench-results
	$(PY) -m benchmarks.run --full --out bench-results/bench-full.json
	$(PY) -m benchmarks.search_bench --out bench-results/search.json
	$(PY) -m benchmarks.graph_bench --out bench-results/graph.json
	$(PY) -m benchmarks.scale_bench --sizes $(SCALE_SIZES) --dask --out bench-results/scale.json

## eval: accuracy figures: header agreement on the vbpl pages, references against the gold set and ../shared,
## search nDCG@10, MRR and recall@10 per engine and query kind on the judged queries (known-item, tuning, held-back),
## computed status against vbpl's stated status
eval: install
	mkdir -p bench-results
	$(PY) -m benchmarks.vbpl_agreement --json bench-results/vbpl_agreement.json --misses 5
	$(PY) -m benchmarks.local_agreement --json bench-results/local_agreement.json --misses 5
	$(PY) -m benchmarks.refs_eval --json bench-results/refs_eval.json --errors 10
	$(PY) -m benchmarks.search_eval --json bench-results/search_eval.json
	$(PY) -m benchmarks.status_agreement --json bench-results/status_agreement.json
	$(PY) -m benchmarks.procedures_eval --json bench-results/procedures_eval.json

## system-deps: OCR for scanned PDFs and Chromium for the browser tests (Debian; root or password-less sudo)
system-deps:
	tools/system-deps.sh

clean:
	rm -rf $(VENV) $(CORPUS)/review.sqlite* bench-results .pytest_cache
