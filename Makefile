# Every target runs inside .venv, which is built from the pinned lock on first use.
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE   := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)

.PHONY: serve generate site pdf report validate diff lint test bench system-deps clean
.DEFAULT_GOAL := serve

$(STAMP): requirements.lock
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(NODE): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# A save rebuilds one language, English unless asked: make serve SERVE_LANGUAGE=es
SERVE_LANGUAGE ?= en
serve: $(STAMP) ## build, then serve on http://127.0.0.1:8000 with live reload
	$(PY) -m scripts.cli generate --pdf-optional --language $(SERVE_LANGUAGE)
	$(BIN)/mkdocs serve -f build/serve.yml --dev-addr 127.0.0.1:8000

generate: $(STAMP) ## write build/: the source tree and mkdocs.yml any engine builds
	$(PY) -m scripts.cli generate

# The production path uses no hook: the generator writes the tree, MkDocs only renders it.
site: generate ## strict build into site/ (never with -q: it hides broken links, mkdocs#4126)
	$(BIN)/mkdocs build --strict -f build/mkdocs.yml -d $(CURDIR)/site

pdf: $(STAMP) ## the one-page overviews alone, into site/
	$(PY) -m scripts.cli pdf --out site

report: $(STAMP) ## a team's marked one-pager: make report IN=assessment.json OUT=team.pdf [PAPER=a4] [LOCALE=es]
	$(if $(IN),,$(error IN is required: the JSON file saved from the assessment page))
	$(PY) -m scripts.cli report $(IN) --out $(or $(OUT),team.pdf) --paper $(or $(PAPER),letter) --lang $(or $(LOCALE),en)

validate: $(STAMP) ## check data/ and list every problem as file:line
	$(PY) -m scripts.cli validate

BASE ?= main
diff: $(STAMP) ## what changed in the model since BASE (a git ref), cell by cell, as Markdown
	@$(PY) -m scripts.tooling.diff $(BASE)

lint: $(STAMP) $(NODE)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy
	$(BIN)/yamllint -s data mkdocs.yml .github .pre-commit-config.yaml
	node_modules/.bin/eslint --max-warnings 0 content/assets/js tests/js eslint.config.js

system-deps: ## Chromium, Java and poppler for the browser and PDF checks
	.ci/system-deps

test: $(STAMP) $(NODE) system-deps lint validate ## everything CI runs
	node --test tests/js/
	$(BIN)/pytest

bench: $(STAMP) $(NODE) ## timings, page weights and Lighthouse scores, into BENCHMARKS.md
	$(PY) -m scripts.tooling.bench --write BENCHMARKS.md
	$(PY) -m scripts.tooling.lighthouse --write BENCHMARKS.md

clean:
	rm -rf site build .pytest_cache
