# Two commands for a newcomer: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint lexicons clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,dask]'
	touch $(STAMP)

## Audit the sample corpus (exit 1 = some article fails the audit, which is expected here).
run: $(STAMP)
	$(BIN)/newsaudit check fixtures/seeds/ || [ $$? -eq 1 ]
	$(BIN)/newsaudit check fixtures/seeds/ --format html -o report.html || [ $$? -eq 1 ]
	@echo "HTML report (article and wire side by side): open file://$(CURDIR)/report.html in a browser"

## Run the test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Style gate: ruff (pyflakes, pycodestyle, bugbear, complexity; settings in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .

## Quality and speed benchmarks on ../shared/bench (not part of the test suite).
bench: $(STAMP)
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/clean.py
	$(BIN)/python bench/speed.py

## Regenerate the WordNet-derived word lists in newsaudit/data (needs apt-get install wordnet-base).
lexicons: $(STAMP)
	$(BIN)/python scripts/lexicons.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
