"""Policies by name: a built-in, a zoo strategy, or `path/to/file.py:function` (runs that
file's code)."""

import importlib.util
import sys
from functools import cache
from pathlib import Path

from game.policies import POLICIES, Policy
from game.policies.zoo import ZOO


class PolicySpecError(ValueError):
    """A policy name that cannot be resolved; the message says why and what exists."""


@cache
def resolve_policy(spec: str) -> Policy:
    """A built-in policy or a zoo strategy by name, or a function loaded from a Python file.

    Loading `file.py:name` executes `file.py` as a module, with the same rights as
    this program: only use files you trust.
    """
    if spec in POLICIES:
        return POLICIES[spec]
    if spec in ZOO:
        return ZOO[spec]
    if ":" not in spec:
        known = ", ".join(sorted(POLICIES))
        raise PolicySpecError(
            f"unknown policy '{spec}' (built-in: {known}; a strategy of the zoo,"
            " see docs/BATCH.md; or FILE.py:NAME)"
        )
    file_part, _, name = spec.rpartition(":")
    path = Path(file_part)
    if not path.is_file():
        raise PolicySpecError(f"policy file '{file_part}' does not exist")
    module_name = f"odd_duck_policy_{abs(hash(str(path.resolve())))}"
    loader_spec = importlib.util.spec_from_file_location(module_name, path)
    if loader_spec is None or loader_spec.loader is None:
        raise PolicySpecError(f"cannot load '{file_part}' as Python")
    module = importlib.util.module_from_spec(loader_spec)
    sys.modules[module_name] = module
    try:
        loader_spec.loader.exec_module(module)
    except Exception as exc:  # the user's code: report it, do not crash on it
        raise PolicySpecError(
            f"'{file_part}' failed to load: {type(exc).__name__}: {exc}"
        ) from None
    policy = getattr(module, name, None)
    if not callable(policy):
        raise PolicySpecError(f"'{file_part}' has no function '{name}'")
    return policy  # type: ignore[no-any-return]


def portable(spec: str) -> str:
    """The spec with its policy file's path made absolute: what a worker is sent, since a
    worker of a cluster does not run in this process's folder. Names are kept as they are."""
    if spec in POLICIES or spec in ZOO or ":" not in spec:
        return spec
    file_part, _, name = spec.rpartition(":")
    return f"{Path(file_part).resolve()}:{name}"
