"""The compiled kernels: numpy's arithmetic bit for bit, the same games with the compiler
off, a cache folder per version of the model, and no compiler on the way to the title."""

import hashlib
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from game.model import compiled, scalar
from game.policies import POLICIES
from game.session.runner import play

ROOT = Path(__file__).parents[1]
EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, np.nan, np.inf, -np.inf, 5e-324, -5e-324]


def _bits(x: object) -> np.ndarray:
    return np.asarray(x, dtype=np.float64).view(np.int64)


def _many(x: float) -> np.ndarray:
    """x as the model meets it: in an array long enough for numpy's vector loops."""
    return np.full(64, x)


def test_maximum_minimum_and_clip_give_numpys_bits_on_ties_signed_zeros_and_nan():
    for a in EDGES:
        for b in EDGES:
            assert _bits(scalar.maximum(a, b)) == _bits(np.maximum(_many(a), b)[0]), (a, b)
            assert _bits(scalar.minimum(a, b)) == _bits(np.minimum(_many(a), b)[0]), (a, b)
            for high in (1.0, 0.0, -0.0):
                if b <= high:
                    expected = np.clip(_many(a), b, high)[0]
                    assert _bits(scalar.clip(a, b, high)) == _bits(expected), (a, b, high)


@pytest.mark.parametrize("n", [*range(0, 20), 29, 30, 31, 64, 100, 128, 129, 132, 143, 200, 256])
def test_a_row_sum_adds_in_numpys_pairwise_order(n):
    rng = np.random.default_rng(n)
    for _ in range(200):
        values = rng.normal(size=n) * 10.0 ** rng.uniform(-8, 8, n)
        values[rng.uniform(size=n) < 0.3] = -0.0
        assert _bits(scalar.row_sum(values)) == _bits(values.sum())
    assert _bits(scalar.row_sum(np.full(n, -0.0))) == _bits(np.full(n, -0.0).sum())


def _fingerprint(n_games: int) -> str:
    """A hash of every field of the final states of some random games."""
    from tests.helpers.scenarios import loaded

    _, params = loaded("crm-rollout")
    run = play(params, POLICIES["random"], np.arange(n_games), seed=3, record=False)
    digest = hashlib.sha256()
    for f in fields(run.final):
        digest.update(np.ascontiguousarray(getattr(run.final, f.name)).tobytes())
    return digest.hexdigest()


@pytest.mark.slow
def test_the_games_are_the_same_with_the_compiler_switched_off():
    """NUMBA_DISABLE_JIT=1 runs the kernels as plain Python, for a debugger: same bits."""
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1", "PYTHONPATH": str(ROOT)}
    code = "from tests.test_compiled import _fingerprint; print(_fingerprint(3))"
    plain = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip() == _fingerprint(3)


def test_importing_the_game_and_its_window_does_not_import_the_compiler():
    """numba takes 0.3-0.7 s to import: not on the way to the title screen."""
    code = "import sys, game.model, game.ui.app; print('numba' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_prepare_readies_every_kernel_and_tells_its_progress():
    seen: list[tuple[int, int]] = []
    compiled.prepare(lambda done, total: seen.append((done, total)))
    total = seen[-1][1]
    assert seen == [(k, total) for k in range(1, total + 1)] and total >= 5
    assert compiled.is_cached()


def test_the_cache_folder_is_named_after_the_models_sources(monkeypatch, tmp_path):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    compiled._cache_folder.cache_clear()  # it is asked once a process
    folder = compiled._cache_folder("0.68.1")
    assert folder.parent == tmp_path and len(folder.name) == 16
    assert compiled._cache_folder("0.69.0") != folder  # another compiler: another folder
    compiled._cache_folder.cache_clear()


def test_every_kernel_lives_in_a_package_whose_sources_key_the_cache():
    """The cache folder is named after the sources of KERNEL_PACKAGES: numba itself notices
    a change of a kernel's own file only, not of the kernels it calls."""
    import game.model.step
    import game.policies  # noqa: F401

    homes = {k.fn.__module__.split(".")[1] for k in compiled._KERNELS}
    assert homes <= set(compiled.KERNEL_PACKAGES) and "policies" in homes
