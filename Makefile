# Two commands for everyone: `make lab` (set up and open lesson 00) and `make test` (set up and check all).
# Everything lives in a local virtual environment, .venv, built from the pinned requirements files, with
# the kit's Jupyter settings installed into it (mlkit/labconfig/, the same ones Binder's postBuild installs).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install only when a pin changes: the stamp is newer than every file that decides what is installed.
STAMP := $(VENV)/.mlkit-installed
# Reinstall the kit's Jupyter settings when they change (python -m mlkit.labsetup; fast, idempotent).
SETTINGS := $(VENV)/.mlkit-settings
FIRST_LESSON := lessons/00_start_here.ipynb
# What `make lab-teacher` opens: the instructor's guide, else its folder, else the repository root.
TEACHER_OPEN := $(firstword $(wildcard instructor/INSTRUCTOR_GUIDE.md) $(wildcard instructor))
# Extra JupyterLab options, e.g. `make lab LAB_ARGS="--no-browser --port 8890"` (or --allow-root in a container).
LAB_ARGS ?=
# `make app LESSON=02` opens that lesson as a Voilà app (no code cells) on the same server `make lab` runs.
LESSON ?= 00
APP_LESSON = $(notdir $(firstword $(wildcard lessons/$(LESSON)*.ipynb)))

.PHONY: help install lab lab-teacher app test test-browser evaluate bench bench-memory binder-links clean distclean

help:
	@echo "make lab           set up .venv and open JupyterLab on lessons/ at $(FIRST_LESSON)"
	@echo "make lab-teacher   the same on the whole repository, opening the instructor's guide"
	@echo "make app LESSON=02 one lesson as an app (Voilà): text and widgets, no code cells, nothing to run"
	@echo "make test          set up .venv, then ruff and the whole test suite (not the browser tests)"
	@echo "make test-browser  every lesson run, saved, closed and reopened in JupyterLab in Chromium (needs chromium)"
	@echo "make binder-links REPO=owner/name [HUB=https://hub.example.org] [BRANCH=main]"
	@echo "                   print the Binder badge, a Binder link per lesson and the nbgitpuller link"
	@echo "make evaluate      score the analyser against the gold annotations"
	@echo "make bench         speed figures for the analyser"
	@echo "make bench-memory  memory of server + kernels while a student runs the lessons (about 5 minutes)"
	@echo "make clean         remove caches, build files and test artefacts (keeps .venv)"
	@echo "make distclean     clean, and remove .venv too"

install: $(STAMP) $(SETTINGS)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "mlkit needs Python 3.10 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(SETTINGS): $(STAMP) mlkit/labsetup.py $(wildcard mlkit/labconfig/*.json)
	$(BIN)/python -m mlkit.labsetup
	@touch $@

# Students see only lessons/ (the notebooks); their answers go to lessons/student_work/ (git-ignored).
# (The page to open is the default URL, not a file argument: a folder given as argument becomes the root.)
lab: install
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)/lessons" \
		--LabApp.default_url="/lab/tree/$(notdir $(FIRST_LESSON))" $(LAB_ARGS)

lab-teacher: install
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(if $(TEACHER_OPEN),--LabApp.default_url="/lab/tree/$(TEACHER_OPEN)") $(LAB_ARGS)

# The same server and settings as `make lab` (so the same answers file, lessons/student_work/), opening
# Voilà's page for one lesson; JupyterLab stays reachable at /lab.
app: install
	@test -n "$(APP_LESSON)" || { echo "no lesson in lessons/ starts with LESSON=$(LESSON) (for example LESSON=02)"; exit 2; }
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)/lessons" \
		--LabApp.default_url="/voila/render/$(APP_LESSON)" $(LAB_ARGS)

# All three checks run even when one fails (one run shows every problem); any failure fails the target.
# pytest exits 5 when it collects no test: that, like any non-zero status, is a failure here.
test: install
	@status=0; \
	echo "$(BIN)/ruff check ."; $(BIN)/ruff check . || status=1; \
	echo "$(BIN)/ruff format --check ."; $(BIN)/ruff format --check . || status=1; \
	echo "$(BIN)/pytest -q"; $(BIN)/pytest -q || status=1; \
	exit $$status

test-browser: install
	@command -v chromium >/dev/null || { echo "chromium is not installed (Debian: sudo apt-get install -y chromium)"; exit 1; }
	$(BIN)/pytest -q -m browser tests/browser

evaluate: $(STAMP)
	$(BIN)/python -m mlkit.evaluate --baseline

bench: $(STAMP)
	$(BIN)/python -m mlkit.bench
	$(BIN)/python -m mlkit.bench_widgets
	$(BIN)/python -m mlkit.bench_shapes

# Publishing: the badge and links for a public GitHub repository (standard library only, no .venv needed).
BRANCH ?= main
binder-links:
	@$(PYTHON) -m mlkit.binderlinks --repo="$(REPO)" --branch="$(BRANCH)" --hub="$(HUB)"

bench-memory: install
	$(BIN)/python -m mlkit.bench_memory

clean:
	rm -rf artifacts build dist .pytest_cache .ruff_cache *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
