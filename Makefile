# Thaw: `make serve` to read the site, `make test` to check every claim (Python only),
# `make check` for the maintainer's whole audit (browser, HTML checker, PDF, seeds; CI runs it).
# Each target creates .venv from requirements.lock (the whole set requirements.txt pulls in,
# pinned with hashes; `make lock` remakes it) when .venv is missing or older than either.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site pdf test check lint lock seeds bench bench-loop bench-test bench-code clean

# torch alone is installed by version, not hash (tools/lock.py says why): its `# torch-pin:` line.
TORCH_PIN = $(shell sed -n 's/^\# torch-pin: //p' requirements.lock)
$(STAMP): requirements.txt requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Thaw needs Python 3.11")'
	$(PYTHON) tools/lock.py --check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check "$(TORCH_PIN)"  # its deps: from the lock, or (a CUDA build) its own
	$(BIN)/pip check --disable-pip-version-check
	touch $(STAMP)

# Thaw's build plugin (thaw/, mkdocs.yml's `thaw`), installed editable into .venv, so an edit of
# thaw/ needs no reinstall; again when pyproject.toml changes (its entry point). Offline: the
# build backend is the lock's setuptools, already in .venv.
PLUGIN := $(VENV)/.thaw-plugin
$(PLUGIN): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $(PLUGIN)

lock:  ## remake requirements.lock from requirements.txt's pins (pip-compile; needs PyPI)
	$(PYTHON) tools/lock.py

# axe-core and the Nu HTML checker (vnu-jar), for `make check` only, pinned in package.json / package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)
# Lighthouse, for `make bench` only, pinned apart in tools/lighthouse/.
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund
	touch $(LIGHTHOUSE_STAMP)
# cffconvert, the Citation File Format's checker, for `make check` only: its own venv, pinned with
# hashes in tools/cff/ (it needs jsonschema<4; the site needs 4).
CFF_STAMP := .venv-cff/.installed
$(CFF_STAMP): tools/cff/requirements.lock
	$(PYTHON) -m venv .venv-cff
	.venv-cff/bin/pip install --quiet --disable-pip-version-check --require-hashes -r tools/cff/requirements.lock
	touch $(CFF_STAMP)
# The audit's Chromium: found, or installed (tools/browser.py), before pytest starts.
FIND_BROWSER := chromium=$$($(BIN)/python tools/browser.py) && export THAW_CHROMIUM=$$chromium

# The execution cache (thaw/fences.py): serve, site and test reuse an outcome whose code, files,
# lock and Python are unchanged; check and seeds run everything, and so does a fresh clone.
CACHE := $(CURDIR)/.cache/thaw
USE_CACHE := THAW_EXEC_CACHE=$(CACHE) THAW_NOTEBOOK_CACHE_DIR=$(CACHE)/notebooks

serve: $(PLUGIN)  ## build the site and serve it at http://127.0.0.1:8000, rebuilding on change
	SITE_URL=http://$(HOST):$(PORT)/ $(USE_CACHE) $(BIN)/mkdocs serve --strict -a $(HOST):$(PORT)

site: $(PLUGIN)  ## strict static build into site/ (fences and notebooks from the execution cache where unchanged)
	$(USE_CACHE) $(BIN)/mkdocs build --strict

pdf: $(PLUGIN)  ## the book, one PDF per language, printed by Chromium from site/ (built first if missing) into site/thaw-{en,ko}.pdf, then checked (tests/test_pdf.py)
	@test -f site/index.html || $(MAKE) site
	$(FIND_BROWSER) && $(BIN)/python tools/pdf.py && THAW_PDF_DIR=site $(BIN)/python -m pytest -p no:xdist -o addopts= -q tests/test_pdf.py

test: $(PLUGIN)  ## the reader's doc tests: every claim, fence and notebook, the strict build in both languages and checks of its files (needs only Python; unchanged claims from the execution cache)
	$(USE_CACHE) $(BIN)/python -m pytest

check: $(PLUGIN) $(NODE_STAMP) $(CFF_STAMP)  ## the whole audit: make test's tests plus the browser, axe, the Nu HTML checker and the PDF (finds or installs Chromium and Java), then every seed
	$(FIND_BROWSER) && $(BIN)/python tools/browser.py --java && THAW_EXEC_CACHE= $(BIN)/python -m pytest -m ""
	$(BIN)/python tools/seeds.py --quiet

lint: $(PLUGIN)  ## ruff (the lint rules and formatting in pyproject.toml, over every .py and notebook), actionlint on the workflows
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@if [ -x $(BIN)/actionlint ]; then echo "$(BIN)/actionlint"; $(BIN)/actionlint; \
	else echo "actionlint: the pinned wheel has no build for this platform (Linux and Windows only); CI runs it"; fi

seeds: $(PLUGIN)  ## every snippet with seeds 0..9 (ARGS="-v dropout": whole output, one snippet); exit 1 if an assert fails
	$(BIN)/python tools/seeds.py $(ARGS)

bench: $(PLUGIN) $(LIGHTHOUSE_STAMP)  ## Lighthouse scores, page weights, `make test`, cold `make site` and `make pdf` times, then the code (ARGS="--skip-code": not the code)
	chromium=$$($(BIN)/python tools/browser.py) && THAW_CHROMIUM=$$chromium $(BIN)/python tools/bench.py $(ARGS)

bench-loop: $(PLUGIN)  ## the author's loop: `make serve`'s rebuild after a prose edit and a snippet edit (budgets: 3 s; the snippet's run + 3 s; one build per edit)
	$(BIN)/python tools/bench.py --loop-only $(ARGS)

bench-test: $(PLUGIN)  ## warm `make test` against one sequential pass of every snippet, back to back, median of 3 rounds (budget 0.4x)
	$(BIN)/python tools/bench.py --test-only $(ARGS)

bench-code: $(PLUGIN)  ## wall time of every snippet and lab notebook, alone and beside two busy processes (budgets: 3 s, 10 s, 2x)
	$(BIN)/python tools/bench.py --code-only $(ARGS)

clean:  ## the built site, the execution cache and pytest's
	rm -rf site .cache .pytest_cache
