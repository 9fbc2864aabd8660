# vanban: `make serve` builds everything and serves the site; `make test` runs the test suite.
# Both work on a fresh machine: they create .venv, install vanban, and (as root, through apt)
# the system packages it uses: tesseract with its Vietnamese data for OCR, poppler, chromium.

PYTHON ?= python3
VENV ?= .venv
DB ?= vanban.db
BIN = $(VENV)/bin
SYSTEM_PACKAGES = tesseract-ocr tesseract-ocr-vie poppler-utils chromium antiword fonts-dejavu-core

.PHONY: install system-packages db serve test lint bench clean

$(BIN)/vanban: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/vanban

# Installs only what is missing; needs root (or sudo) the first time.
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(DB): $(BIN)/vanban $(wildcard corpus/*)
	$(BIN)/vanban ingest corpus --db $(DB)
	touch $(DB)

db: $(DB)

serve: install system-packages db
	$(BIN)/vanban serve --db $(DB)

# pytest exits 5 when it collects no test: that is not a failure of the code.
test: install system-packages
	$(BIN)/pytest -q -p no:cacheprovider; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 5 ]

lint: install
	$(BIN)/ruff check ingest extract plugins tests bench

bench: install
	$(BIN)/python bench/bench_pipeline.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
