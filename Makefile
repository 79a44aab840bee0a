# One command sets everything up and builds; one sets everything up and tests.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve test validate schema clean

# Browser assets come from the npm registry at setup time (pinned), never from a CDN at page load.
TABLESORT := content/assets/vendor/tablesort
# axe-core runs the accessibility audit in the browser tests only, so it stays out of the site (git-ignored).
AXE := .cache/vendor/axe-core

setup: $(STAMP) $(TABLESORT)/tablesort.min.js $(AXE)/axe.min.js

# The virtualenv is (re)installed when the pins or the package metadata change.
$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m imageclef.scoring.wordnet install
	touch $(STAMP)

$(TABLESORT)/tablesort.min.js:
	@command -v npm >/dev/null || { echo "needs npm (Node.js) to fetch tablesort"; exit 1; }
	rm -rf $(TABLESORT) && mkdir -p $(TABLESORT)
	cd $(TABLESORT) && npm pack --silent tablesort@5.7.1 >/dev/null && tar xzf tablesort-5.7.1.tgz \
	  && cp package/dist/tablesort.min.js package/dist/sorts/tablesort.number.min.js package/LICENCE . \
	  && rm -rf package tablesort-5.7.1.tgz

$(AXE)/axe.min.js:
	@command -v npm >/dev/null || { echo "needs npm (Node.js) to fetch axe-core"; exit 1; }
	rm -rf $(AXE) && mkdir -p $(AXE)
	cd $(AXE) && npm pack --silent axe-core@4.14.1 >/dev/null && tar xzf axe-core-4.14.1.tgz \
	  && cp package/axe.min.js package/LICENSE . \
	  && rm -rf package axe-core-4.14.1.tgz

site: setup
	$(BIN)/imageclef build --strict

serve: setup
	$(BIN)/mkdocs serve --dirty --livereload --watch-theme

validate: setup
	$(BIN)/imageclef validate $(VALIDATE_FLAGS)

# JSON Schemas of the data files for editors (commit schemas/ after changing the data model).
schema: setup
	$(BIN)/imageclef schema --out schemas

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf site .cache
