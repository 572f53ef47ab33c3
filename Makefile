# Two commands for everyone: `make lab` (set up and open lesson 00) and `make test` (set up and check all).
# Everything lives in a local virtual environment, .venv, built from the pinned requirements files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install only when a pin changes: the stamp is newer than every file that decides what is installed.
STAMP := $(VENV)/.mlkit-installed
FIRST_LESSON := lessons/00_start_here.ipynb
# Extra JupyterLab options, e.g. `make lab LAB_ARGS="--no-browser --port 8890"` (or --allow-root in a container).
LAB_ARGS ?=

.PHONY: help install lab test test-browser evaluate bench clean distclean

help:
	@echo "make lab           set up .venv and open JupyterLab at $(FIRST_LESSON)"
	@echo "make test          set up .venv, then ruff and the whole test suite (not the browser tests)"
	@echo "make test-browser  end-to-end test of lesson 02 in Chromium (needs the chromium package)"
	@echo "make evaluate      score the analyser against the gold annotations"
	@echo "make bench         speed figures for the analyser"
	@echo "make clean         remove caches, build files and test artefacts (keeps .venv)"
	@echo "make distclean     clean, and remove .venv too"

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "mlkit needs Python 3.10 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_ARGS) $(FIRST_LESSON)

# All three checks run even when one fails (one run shows every problem); any failure fails the target.
# pytest exits 5 when it collects no test: that, like any non-zero status, is a failure here.
test: $(STAMP)
	@status=0; \
	echo "$(BIN)/ruff check ."; $(BIN)/ruff check . || status=1; \
	echo "$(BIN)/ruff format --check ."; $(BIN)/ruff format --check . || status=1; \
	echo "$(BIN)/pytest -q"; $(BIN)/pytest -q || status=1; \
	exit $$status

test-browser: $(STAMP)
	@command -v chromium >/dev/null || { echo "chromium is not installed (Debian: sudo apt-get install -y chromium)"; exit 1; }
	$(BIN)/pytest -q -m browser tests/browser

evaluate: $(STAMP)
	$(BIN)/python -m mlkit.evaluate --baseline

bench: $(STAMP)
	$(BIN)/python -m mlkit.bench
	$(BIN)/python -m mlkit.bench_widgets
	$(BIN)/python -m mlkit.bench_shapes

clean:
	rm -rf artifacts build dist .pytest_cache .ruff_cache *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
