# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit install bench models clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@echo "compiling the extractor's and the Latvian layer's numba kernels (once per install, 20 to 40 s)"
	$(BIN)/newsmill extract examples/la-lv-haftars-putins.txt --format text > /dev/null
	$(BIN)/newsmill extract examples/la-lv-haftars.cp1257.html --format text > /dev/null
	touch $(STAMP)

install: $(STAMP)

## Run the main job on the sample data shipped in the repo and show the result.
demo: $(STAMP)
	@echo "== newsmill extract examples/la-lv-haftars-putins.txt --format markdown"
	@$(BIN)/newsmill extract examples/la-lv-haftars-putins.txt --format markdown
	@echo "== the same page as a JSON record (first lines)"
	@$(BIN)/newsmill extract examples/la-lv-haftars-putins.txt --format json | head -n 40
	@echo "== an HTML page in Windows-1257: newsmill extract examples/la-lv-haftars.cp1257.html"
	@$(BIN)/newsmill extract examples/la-lv-haftars.cp1257.html --format markdown
	@rm -f $${TMPDIR:-/tmp}/newsmill-demo.db*
	@echo "== newsmill ingest examples/*.txt examples/*.html examples/corpus --db $${TMPDIR:-/tmp}/newsmill-demo.db"
	@$(BIN)/newsmill ingest examples/*.txt examples/*.html examples/corpus --db $${TMPDIR:-/tmp}/newsmill-demo.db
	@echo "== newsmill search 'HCA Healthcare' --db $${TMPDIR:-/tmp}/newsmill-demo.db"
	@$(BIN)/newsmill search 'HCA Healthcare' --db $${TMPDIR:-/tmp}/newsmill-demo.db
	@echo "== newsmill search Putins --lang lv --db $${TMPDIR:-/tmp}/newsmill-demo.db"
	@$(BIN)/newsmill search Putins --lang lv --db $${TMPDIR:-/tmp}/newsmill-demo.db
	@echo "== newsmill entities --limit 10 --db $${TMPDIR:-/tmp}/newsmill-demo.db"
	@$(BIN)/newsmill entities --limit 10 --db $${TMPDIR:-/tmp}/newsmill-demo.db
	@echo "== newsmill events --db $${TMPDIR:-/tmp}/newsmill-demo.db"
	@$(BIN)/newsmill events --db $${TMPDIR:-/tmp}/newsmill-demo.db

## Lint, type-check and run the test suite.
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench training
	$(BIN)/ruff format --check src tests bench training

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/flat.py
	$(BIN)/python bench/html.py
	$(BIN)/python bench/lv.py
	$(BIN)/python bench/events.py

## Rebuild the shipped models from ../shared/data (fixed seeds).
models: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python training/train_flat.py
	$(BIN)/python training/train_html.py
	$(BIN)/python training/train_html_dates.py
	$(BIN)/python training/train_lv_morph.py
	$(BIN)/python training/train_lv_ner.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
