# MLSD Workbench. Two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Localhost only: the app has no sign-in unless [auth] is configured (see docs/deploy.md).
ADDRESS ?= 127.0.0.1
RUN_STAMP := $(VENV)/.deps-run
DEV_STAMP := $(VENV)/.deps-dev

.PHONY: run test test-unit test-app test-e2e lint bench schemas validate clean mutation screenshots

# Debian splits venv support into python3-venv; install it when missing (as root or with sudo).
$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (apt-get install -y python3 python3-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "installing python3-venv"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed (the stamp is older than it).
$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(RUN_STAMP) $@

run: $(RUN_STAMP)
	$(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

test-unit: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/unit

test-app: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/app

test-e2e: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/e2e

# The browser tests again, keeping their screenshots in docs/screenshots (other runs use a temp folder).
screenshots: $(DEV_STAMP)
	WORKBENCH_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest tests/e2e

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/yamllint -c .yamllint cases

validate: $(RUN_STAMP)
	$(BIN)/python -m workbench validate cases/

schemas: $(RUN_STAMP)
	for kind in case session framework; do $(BIN)/python -m workbench schema $$kind > schemas/$$kind.schema.json; done

# Mutation testing (not part of `make test`): mutmut over workbench/, unit tests only, one worker by
# default since it is CPU-heavy. Narrow it with MUTANTS, e.g. MUTANTS='workbench.scoring.*'.
# Results: `$(BIN)/mutmut results`; docs/mutation.md records the last run.
MUTATION_WORKERS ?= 1
MUTANTS ?=
mutation: $(DEV_STAMP)
	$(BIN)/mutmut run --max-children $(MUTATION_WORKERS) $(MUTANTS)
	$(BIN)/mutmut results

bench: $(DEV_STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
