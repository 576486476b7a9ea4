# Marsad task runner. `make run` sets everything up, stores the bundled sample in a database and
# serves the dashboard on it; `make test` runs the whole test suite (what CI runs through .ci/run).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
OUT ?= out
DB ?= $(OUT)/sample.db
PORT ?= 8000
# hand-read open-stream records that teach the incident keeper (the open_stream_review_heldout*.tsv files are never trained on)
REVIEWED := --reviewed benchmarks/data/open_stream_review.tsv --reviewed benchmarks/data/open_stream_review_keeper.tsv

.PHONY: run test lint typecheck bench eval models clean web

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/marsad extract marsad/samples/sample.jsonl -o $(OUT)/sample.events.jsonl -q
	$(BIN)/marsad show marsad/samples/sample.jsonl --limit 2
	$(BIN)/marsad ingest marsad/samples/sample.jsonl --db $(DB) -q
	$(BIN)/marsad serve --db $(DB) --port $(PORT)

# The dashboard's scripts and styles: npm packages bundled by esbuild into marsad/web/static
# (committed, so installing Marsad needs no npm).
web:
	cd frontend && npm ci --no-audit --no-fund && node build.mjs

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check marsad tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py

eval: $(STAMP)
	$(BIN)/marsad eval events --cv 5 --seed 13 --seed 7 --seed 29 ../shared/eval/train.gold.jsonl --test ../shared/eval/dev.gold.jsonl \
		--everyday ../shared/data/news/all_articles.jsonl.gz $(REVIEWED)
	$(BIN)/marsad eval events ../shared/eval/seeds.gold.jsonl

models: $(STAMP)
	$(BIN)/marsad train events ../shared/eval/train.gold.jsonl --everyday ../shared/data/news/all_articles.jsonl.gz \
		$(REVIEWED) --out marsad/kb/models/extraction

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
