# The two commands a new user needs:
#   make run    create .venv, install, serve the app on Desperado (http://127.0.0.1:8050)
#   make test   install what the tests need (test extras, Debian's chromium) and run them all
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
STORY   ?= data/desperado.yaml
PYTEST_ARGS ?=

.PHONY: run test venv chromium libreoffice bench bench-smoke schema clean wheel-check lowest-check

run: $(STAMP)
	$(BIN)/python app.py $(STORY)

test: $(STAMP) chromium libreoffice
	$(BIN)/python -m pytest $(PYTEST_ARGS)

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# What a user does: build the wheel and sdist, pip install the wheel into a fresh
# venv, go to another folder, ask for the version, validate the shipped story and
# serve the app: the page, its JavaScript and the Dash layout must answer 200.
wheel-check: $(STAMP)
	$(BIN)/python .ci/wheel_check.py

# Are the lower bounds true? A fresh venv with every dependency (and the test
# extra) pinned to the lowest version pyproject.toml allows, then the suite
# without browser and slow tests (image exports and doctests included).
lowest-check:
	$(PY) .ci/lowest_check.py

# Debian's Chromium, for browser tests and kaleido's image export.
chromium:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; }

# LibreOffice Writer (no GUI, about 20 s to install): the PDF reader's tests convert typed
# scripts and Word documents with it (tests/pdf_producers.py; hyphen-en-us: its English
# hyphenation, for a hyphenated Word document). Optional: when it cannot be
# installed those tests skip and say why.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends libreoffice-writer-nogui hyphen-en-us; } \
	  || echo "(LibreOffice not installed: its PDF tests skip)"; }

bench: $(STAMP)
	for b in benchmarks/[a-z]*.py; do $(BIN)/python $$b || exit 1; done

# Every benchmark on its smallest input, in seconds: a benchmark that no longer runs
# fails here (the test suite runs the same, tests/test_benchmarks.py).
bench-smoke: $(STAMP) chromium
	for b in benchmarks/[a-z]*.py; do echo "== $$b --smoke"; $(BIN)/python $$b --smoke || exit 1; done

schema: $(STAMP)
	$(BIN)/python -m timeline.model > docs/story.schema.json

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
