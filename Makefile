# Two commands do all set-up: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test stress lint bench screenshots package clean po mo po-check

# Translations: the .po files are the source (edited by translators, committed); each .mo is
# built from its .po here, by `make run`, `make test` and `make package`, and never committed.
PO_FILES := $(wildcard resources/translations/*/LC_MESSAGES/sijil.po)
MO_FILES := $(PO_FILES:.po=.mo)

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP) mo
	$(BIN)/python -m app

test: $(STAMP) mo
	$(BIN)/python -m ruff check app tests
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Long loops, not part of `make test` (which runs a few cases of each): 500 kill -9 runs of
# real CLI commands and a fuzzing campaign of every parser of outside input.
stress: $(STAMP)
	SIJIL_STRESS_RUNS=500 SIJIL_FUZZ_EXAMPLES=2000 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s \
		-p no:cacheprovider tests/stress tests/security/test_fuzz.py

lint: $(STAMP)
	$(BIN)/python -m ruff check app tests

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/benchmarks/bench_*.py

# Under Xvfb when it is installed (a real X window), else on Qt's offscreen platform.
screenshots: $(STAMP)
	if command -v xvfb-run >/dev/null; then xvfb-run -a $(BIN)/python tests/screenshots.py; \
	else $(BIN)/python tests/screenshots.py; fi
	$(BIN)/python tests/dossier_samples.py

package: $(STAMP) mo
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/python -m PyInstaller --noconfirm packaging/sijil.spec

# Re-extract every message from the code into sijil.pot and merge it into each .po (new
# messages arrive untranslated), then list what translators still have to do.
po: $(STAMP)
	$(BIN)/python tools/translations.py extract
	-$(BIN)/python tools/translations.py check

po-check: $(STAMP)
	$(BIN)/python tools/translations.py check

mo: $(MO_FILES)

$(MO_FILES): %.mo: %.po | $(STAMP)
	$(BIN)/python tools/translations.py compile $<

clean:
	rm -rf $(VENV) build dist .pytest_cache
	rm -f $(MO_FILES)
