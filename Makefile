# Two commands for a newcomer: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast languagetool bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

## Audit the sample corpus (exit 1 = some article fails the audit, which is expected here).
run: $(STAMP)
	$(BIN)/newsaudit check fixtures/seeds/ || [ $$? -eq 1 ]

## LanguageTool from Maven Central into ~/.cache/newsaudit (needs Java 17 and mvn; idempotent,
## offline once installed).
languagetool: $(STAMP)
	$(BIN)/newsaudit languagetool install

## Run the test suite, including the tier against the real LanguageTool (installed first).
test: $(STAMP) languagetool
	$(BIN)/python -m pytest -q

## The fast tier: everything but the real-LanguageTool tests (no Java, no Maven needed).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not languagetool"

## Quality and speed benchmarks on ../shared/bench (not part of the test suite).
bench: $(STAMP)
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/clean.py
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
