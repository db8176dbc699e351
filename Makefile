# Entry points (README). Each target sets up what it needs first, on a fresh machine too.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: serve test build check system

$(READY): requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

system:
	bash scripts/install-system-packages.sh

serve: $(READY)
	$(BIN)/python scripts/docs.py serve

build: $(READY)
	$(BIN)/python scripts/docs.py build

check: $(READY)
	$(BIN)/python scripts/docs.py check

test: $(READY) system
	$(BIN)/python -m pytest
