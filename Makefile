# Two entry points for a fresh machine: `make play` and `make test`.
# Both create .venv when it is missing and install the project into it, at the versions
# in constraints.txt (the tested set; pyproject.toml states ranges).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test test-fast lint typecheck check-wheel clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml or the pins change.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade -c constraints.txt pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,cluster,rl]"
	PYGAME_HIDE_SUPPORT_PROMPT=1 $(BIN)/python -c \
		"import pygame, sys; sys.exit(not getattr(pygame, 'IS_CE', 0))" \
		|| (echo "plain pygame is installed beside pygame-ce: pip uninstall pygame" && exit 1)
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/python run_game.py

lint: $(STAMP)
	$(BIN)/ruff check game tests bench tools run_game.py
	$(BIN)/ruff format --check game tests bench tools run_game.py
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest -n 2

# The inner loop: every test not marked slow, on two cores (about a minute).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -n 2

# The built wheel, installed into a fresh venv (not editable), run from outside the checkout.
check-wheel: $(STAMP)
	$(BIN)/python tools/check_wheel.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
