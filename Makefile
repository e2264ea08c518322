# candour: the two commands of the README are `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := demo

.PHONY: venv demo test lint bench system-deps clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	rm -rf $(DEMO)
	$(BIN)/candour generate $(DEMO)/bundle --forces 3 --years 6 --scale 0.5 --seed 2024
	$(BIN)/candour run $(DEMO)/bundle --out $(DEMO)/out
	$(BIN)/candour eval $(DEMO)/bundle $(DEMO)/out
	$(BIN)/candour user add $(DEMO)/out demo-lead --role lead
	@echo
	@echo "Demo inquiry written to $(CURDIR)/$(DEMO)/out"
	@echo "  report:    $(CURDIR)/$(DEMO)/out/report.html (and report.pdf)"
	@echo "  workspace: $(BIN)/candour serve $(DEMO)/out   (user: demo-lead / password printed above)"

system-deps:
	bash .ci/system-deps.sh

lint: venv
	$(BIN)/ruff check candour tests benchmarks
	$(BIN)/ruff format --check candour tests benchmarks
	$(BIN)/mypy candour

test: venv system-deps lint
	$(BIN)/pytest -q -p no:cacheprovider

bench: venv system-deps
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(DEMO) .mypy_cache .ruff_cache .pytest_cache
