# Thaw: `make serve` to read the site, `make test` to check every claim.
# Each target creates .venv from requirements.txt when it is missing or older than it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site pdf test lint seeds bench bench-code clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Thaw needs Python 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# axe-core (browser tests) and Lighthouse (bench), pinned in package.json / package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)
TEST_NEEDS := $(STAMP) $(if $(filter 1,$(THAW_SKIP_BROWSER)),,$(NODE_STAMP))

serve: $(STAMP)  ## build the site and serve it at http://127.0.0.1:8000, rebuilding on change
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --strict -a $(HOST):$(PORT)

site: $(STAMP)  ## strict static build into site/ (notebooks run afresh, not from .cache/)
	THAW_NOTEBOOK_CACHE_DIR=$$(mktemp -d) $(BIN)/mkdocs build --strict

pdf: $(STAMP)  ## the book, one PDF per language, printed by Chromium from site/ (built first if missing) into site/thaw-{en,ko}.pdf
	@test -f site/index.html || $(MAKE) site
	$(BIN)/python tools/pdf.py

test: $(TEST_NEEDS)  ## every snippet, every fence, the strict build and its checks, the browser tests
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff: the lint rules and the formatting in pyproject.toml, over every .py and notebook
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

seeds: $(STAMP)  ## every snippet with seeds 0..9 (ARGS="-v dropout": whole output, one snippet); exit 1 if an assert fails
	$(BIN)/python tools/seeds.py $(ARGS)

bench: $(STAMP) $(NODE_STAMP)  ## Lighthouse scores, page weights, `make test` and cold `make site` times
	$(BIN)/python tools/bench.py

bench-code: $(STAMP)  ## wall time of every snippet and lab notebook, against their budgets (3 s, 10 s)
	$(BIN)/python tools/bench.py --code-only

clean:
	rm -rf site .cache .pytest_cache
