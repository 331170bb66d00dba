# Two commands for a newcomer: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev

.PHONY: run test test-fast languagetool bench lint lexicons clean

# `make run` installs the tool alone; the test, lint and benchmark targets add their extras.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench,dask]'
	touch $(DEV)

## Audit the sample corpus (exit 1 = some article fails the audit, which is expected here).
run: $(STAMP)
	$(BIN)/newsaudit check fixtures/seeds/ || [ $$? -eq 1 ]
	$(BIN)/newsaudit check fixtures/seeds/ --format html -o report.html || [ $$? -eq 1 ]
	@echo "HTML report (article and wire side by side): open file://$(CURDIR)/report.html in a browser"

## LanguageTool from Maven Central into ~/.cache/newsaudit (needs Java 17 and mvn; idempotent,
## offline once installed).
languagetool: $(STAMP)
	$(BIN)/newsaudit languagetool install

## Run the test suite, including the tier against the real LanguageTool (installed first).
test: $(DEV) languagetool
	$(BIN)/python -m pytest -q

## The fast tier: everything but the real-LanguageTool tests (no Java, no Maven needed).
test-fast: $(DEV)
	$(BIN)/python -m pytest -q -m "not languagetool"

## Style gate: ruff (pyflakes, pycodestyle, bugbear, complexity; settings in pyproject.toml).
lint: $(DEV)
	$(BIN)/ruff check .

## Quality and speed benchmarks on ../shared/bench (not part of the test suite).
bench: $(DEV)
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/clean.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/stages.py

## Regenerate the WordNet-derived word lists in newsaudit/data (needs apt-get install wordnet-base).
lexicons: $(DEV)
	$(BIN)/python scripts/lexicons.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
