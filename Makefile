# Entry points (README). Each target sets up what it needs first, on a fresh machine too.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: serve test build check translated benchmark nginx-config system system-check

# requirements-test.txt includes requirements.txt, which installs the site's own package (-e .).
# Without --no-compile, pip compiles every file it installs: half of the 36 seconds this took. What
# the site and tests import is compiled when first imported (kept by make test, below).
$(READY): requirements.txt requirements-test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -r requirements-test.txt
	touch $@

# Debian packages: hunspell and its English dictionary for the spelling check (the Swedish word list
# is in the repository, scripts/styrdok/data/hunspell); the browser, server and validators for tests.
# The build itself needs none of them.
system-check:
	bash scripts/install-system-packages.sh check

system:
	bash scripts/install-system-packages.sh test

# Test tools from npm (axe-core, the Nu Html Checker), exact versions from package-lock.json.
node_modules/.ready: package.json package-lock.json | system
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(READY)
	$(BIN)/python scripts/docs.py serve

build: $(READY)
	$(BIN)/python scripts/docs.py build

check: $(READY) system-check
	$(BIN)/python scripts/docs.py check

# After updating an English page: make translated PAGE=docs/en/strategi.md
translated: $(READY)
	$(BIN)/python scripts/docs.py translated $(PAGE)

# The venv and the Debian and npm tools are set up side by side (they share nothing). Then the
# content first; once it is in order, a failing test is reported as the code's fault. The tests run
# in one worker more than there are cores (browser and server tests wait part of their time), each
# worker taking the next test when it is free (--dist worksteal); the long ones start first
# (tests/conftest.py). They start Python a few hundred times (builds, checks, copies of the
# project): each keeps the bytecode it compiles (__pycache__, ignored by git), also where the
# machine says not to (PYTHONDONTWRITEBYTECODE), instead of compiling the same modules every time.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: export PYTHONDONTWRITEBYTECODE =
test:
	$(MAKE) --no-print-directory --jobs=2 $(READY) system node_modules/.ready
	$(BIN)/python scripts/docs.py check
	STYRDOK_CONTENT_CHECKED=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal --durations=25

# Speed and size figures, budgets and Lighthouse (not a test): writes benchmark/results.md.
benchmark: $(READY) system
	$(BIN)/python scripts/docs.py benchmark $(BENCHMARK_ARGS)

# The nginx configuration for the built site: make nginx-config SITE_PREFIX=/ LISTEN=80
nginx-config: $(READY)
	@$(BIN)/python scripts/docs.py nginx --site-dir site --prefix $(or $(SITE_PREFIX),/) --listen $(or $(LISTEN),80)
