# eventwire: one target per task. `make run` and `make test` work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/dev-lock.txt pyproject.toml | cksum | cut -d' ' -f1)
EXAMPLE_DB := build/examples.db

.PHONY: run test lint format unit bench docs eval lock clean

$(STAMP): requirements/dev-lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: $(STAMP)
	@mkdir -p build && rm -f $(EXAMPLE_DB) $(EXAMPLE_DB)-wal $(EXAMPLE_DB)-shm
	$(BIN)/eventwire ingest examples/reports examples/page.html examples/feed.xml examples/records.jsonl \
		--meta examples/reports/meta.jsonl --db $(EXAMPLE_DB)
	$(BIN)/eventwire articles --db $(EXAMPLE_DB)
	$(BIN)/eventwire events --db $(EXAMPLE_DB)
	$(BIN)/eventwire stories --db $(EXAMPLE_DB)
	$(BIN)/eventwire timeline --db $(EXAMPLE_DB) --query Norway

test: lint unit

lint: $(STAMP)
	$(BIN)/ruff check --no-cache eventwire tests bench docs
	$(BIN)/ruff format --no-cache --check eventwire tests bench docs
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

format: $(STAMP)
	$(BIN)/ruff format eventwire tests bench docs
	$(BIN)/ruff check --fix eventwire tests bench docs

docs: $(STAMP)
	$(BIN)/python docs/gen.py

bench: $(STAMP)
	$(BIN)/python bench/run.py --out docs/benchmarks.md
	$(BIN)/python bench/stories_store.py --out docs/benchmarks.md

# Accuracy figures for docs/accuracy.md: our examples, the seeds and the public event sets in ../shared.
SHARED ?= ../shared
EVAL := build/eval
eval: $(STAMP)
	@mkdir -p $(EVAL)
	rm -f $(EVAL)/examples.db*; $(BIN)/eventwire ingest examples/reports --meta examples/reports/meta.jsonl --db $(EVAL)/examples.db
	$(BIN)/eventwire eval events examples/gold-events.jsonl --db $(EVAL)/examples.db
	rm -f $(EVAL)/seeds.db*; $(BIN)/eventwire ingest $(SHARED)/seeds/*.txt --meta $(SHARED)/seeds/meta.jsonl --db $(EVAL)/seeds.db
	$(BIN)/eventwire eval events $(SHARED)/seeds/gold-events.jsonl --db $(EVAL)/seeds.db
	for set in petrarch2-gsr plover-gsr; do \
		$(BIN)/eventwire eval prepare $$set --shared $(SHARED) --out $(EVAL) && \
		rm -f $(EVAL)/$$set.db* && \
		EVENTWIRE_MIN_TEXT_CHARS=1 $(BIN)/eventwire ingest $(EVAL)/$$set/records.jsonl --db $(EVAL)/$$set.db && \
		$(BIN)/eventwire eval events $(EVAL)/$$set/gold.jsonl --db $(EVAL)/$$set.db || exit 1; \
	done
	$(BIN)/eventwire eval prepare realnews-d --shared $(SHARED) --out $(EVAL)
	rm -f $(EVAL)/realnews-d.db*; $(BIN)/eventwire ingest $(EVAL)/realnews-d/reports --meta $(EVAL)/realnews-d/reports/meta.jsonl --db $(EVAL)/realnews-d.db
	for part in dev held; do \
		$(BIN)/eventwire eval events $(EVAL)/realnews-d/$$part.jsonl --db $(EVAL)/realnews-d.db --only-gold-articles || exit 1; \
	done
	$(BIN)/eventwire eval prepare halterman-verbs --shared $(SHARED) --out $(EVAL)
	rm -f $(EVAL)/halterman-verbs.db*; EVENTWIRE_MIN_TEXT_CHARS=1 $(BIN)/eventwire ingest $(EVAL)/halterman-verbs/records.jsonl --db $(EVAL)/halterman-verbs.db
	for part in dev held; do \
		$(BIN)/eventwire eval verbs $(EVAL)/halterman-verbs/verbs.jsonl --db $(EVAL)/halterman-verbs.db --part $$part || exit 1; \
	done
	$(BIN)/eventwire eval geo $(SHARED)/benchmarks/geo
	$(BIN)/eventwire eval stories $(SHARED)/benchmarks/stories/ecbplus_test
	$(BIN)/eventwire eval timeline $(SHARED)/benchmarks/stories/timeline17_subset

# Re-pin the dependencies (needs pip-tools, in the dev lock). Commit the two lock files.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements/lock.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev -o requirements/dev-lock.txt pyproject.toml

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
