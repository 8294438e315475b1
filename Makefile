# `make run` starts the reader, `make test` runs every check CI runs.
# Both set up what they need: a .venv with the project and its tools.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := translations/ru/LC_MESSAGES/reader.po
MO := $(PO:.po=.mo)

.PHONY: run test lint pytest catalogs pot venv clean dist deb bench format icons screenshots \
	search-index

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

catalogs: $(MO)

$(MO): $(PO) $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d translations -D reader --statistics

# The bundled document's search index and word-form lexicon, and beside them its
# words' hyphenation (reader.searchbuild): made by the build from the text and the
# dictionaries, never committed.
SEARCH_INDEX := build/search/search.sqlite3
search-index: $(SEARCH_INDEX)

$(SEARCH_INDEX): $(STAMP) $(wildcard resources/content/*/*.md) resources/content/manifest.toml \
		src/reader/search.py src/reader/searchbuild.py src/reader/wordforms.py \
		src/reader/hyphenation.py src/reader/typography.py src/reader/searchstore.py \
		src/reader/searchrows.py src/reader/qtload.py src/reader/manifestcache.py \
		src/reader/content.py
	$(PY) -m reader.searchbuild $@
	$(PY) -m reader.qtload $(dir $@)

run: $(STAMP) $(MO) $(SEARCH_INDEX)
	$(BIN)/reader

# Extract the strings from the code and merge them into the Russian catalog.
# Sorted by message, without line numbers: an edit elsewhere in a file does not
# churn the catalogs, and branches that add strings merge cleanly.
pot: $(STAMP)
	$(BIN)/pybabel extract -F pyproject.toml -o translations/reader.pot \
	  --project=Reader --copyright-holder="Reader developers" -w 100 \
	  --no-location --sort-output src/reader
	$(BIN)/pybabel update -i translations/reader.pot -d translations -D reader -w 100 \
	  --no-fuzzy-matching --ignore-pot-creation-date

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks resources setup.py
	$(BIN)/ruff format --check src tests benchmarks resources setup.py
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks resources setup.py
	$(BIN)/ruff format src tests benchmarks resources setup.py

pytest: $(STAMP) $(MO) $(SEARCH_INDEX)
	$(BIN)/pytest

# The standalone build: icons rendered from the SVG, catalogs compiled, onedir.
icons: $(STAMP)
	$(PY) resources/icons/render_icons.py build/icons

dist: $(STAMP) $(MO) icons $(SEARCH_INDEX)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller build.spec

deb: dist
	$(PY) resources/packaging/linux/build_deb.py dist build/icons dist

# Everything CI checks: lint, the suite, and the frozen build and .deb tested
# as installed (tests/test_packaging.py runs when READER_PACKAGING=1).
test: lint deb
	READER_PACKAGING=1 $(BIN)/pytest

# Start-up, memory, size and interactions against a bare PySide6 app, frozen
# the same way; writes docs/performance.md (~10 min; see benchmarks/run.py).
bench: deb
	$(PY) benchmarks/run.py

# The README's pictures, from the real app on a virtual screen.
screenshots: $(STAMP) $(MO)
	xvfb-run -a -s "-screen 0 1280x800x24" $(PY) docs/screenshots.py
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) docs/stand_screenshots.py

clean:
	rm -rf build dist $(MO) src/reader/data .pytest_cache .ruff_cache
