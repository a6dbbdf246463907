"""Compiled kernels: the parts of the rules written as loops over the games, for numba.

numpy spreads one rule over dozens of calls a turn, each costing microseconds however
few games it works on; the same rule written as a loop over the games (`@kernel`) is
compiled to machine code once and runs in one call. Game i of a batch runs exactly the
code it runs alone, so a batch of 10^6 equals its games played one at a time.

Importing the model does not import numba (0.3-0.7 s, on the window's way to its
title): a kernel is compiled, or loaded from the cache, at its first call, or for all
kernels at once by `prepare()`, which the window and the headless commands call early,
with progress, so that nobody waits without a sign. The first time after an install it
compiles on every core (worker processes), for this process to load from the cache.

Compiled code is cached per user (under NUMBA_CACHE_DIR if set, else the user's cache
folder), in a folder named after a hash of the sources of the packages that hold kernels
(the model's and the built-in policies', KERNEL_PACKAGES): numba notices a change of a
kernel's own file, not of the kernels it calls. With NUMBA_DISABLE_JIT=1 the same kernels
run as plain Python, slowly, for a debugger.

A kernel gives its types as a numba signature ("f8[:, ::1](f8[:, ::1], i8[:, ::1])", with
`CoefRow` for the model's coefficients as Python passes them, `Params.coef_row`, and `Coef`
for the record a kernel hands its helpers), so one compiled version serves every call. A
kernel calls another by the name it imported, never as a module attribute.
"""

import contextlib
import functools
import hashlib
import importlib.util
import os
import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

_LOCK = threading.RLock()  # the game compiles on a worker thread while the window may step


class Kernel:
    """A function compiled with numba at its first call (see the module's doc)."""

    def __init__(self, fn: Callable[..., Any], signature: str, inline: bool) -> None:
        self.fn = fn
        self.signature = signature
        self.inline = inline
        self._compiled: Callable[..., Any] | None = None
        _KERNELS.append(self)

    def __call__(self, *args: Any) -> Any:
        compiled = self._compiled or self.compiled()
        return compiled(*args)

    def compiled(self) -> Callable[..., Any]:
        """The compiled function (compiling it, and the kernels it calls, if need be)."""
        with _LOCK:
            if self._compiled is None:
                fn = _with_compiled_callees(self.fn)
                self._compiled = _compile(fn, self.signature, self.inline)
            return self._compiled


_KERNELS: list[Kernel] = []


Function = TypeVar("Function", bound=Callable[..., Any])


def kernel(signature: str, inline: bool = False) -> Callable[[Function], Function]:
    """Mark a function, written as plain loops over numpy arrays, as a compiled kernel.

    `inline`: a small helper that takes arrays and that kernels call for every game or
    package, compiled into each caller (a call that passes arrays can cost more than the
    sum it makes). A helper of numbers only needs none: the compiler inlines the call.
    Measured: a helper that writes into its caller's arrays costs about ten times its
    arithmetic even inlined; one that takes numbers and returns them costs nothing.
    To the type checker it stays the function it was: callers see its own signature."""

    def wrap(fn: Function) -> Function:
        return cast(Function, Kernel(fn, signature, inline))

    return wrap


def prepare(progress: Callable[[int, int], None] | None = None) -> None:
    """Compile (or load from the cache) every kernel of the model, and those of the layers
    above it already imported (the built-in policies: import them first), telling
    `progress(done, total)` as they get ready: the first run after an install compiles, on
    every core (each kernel takes a second or so, and a laptop has several cores), later
    runs load."""
    import game.model.step  # noqa: F401  (imports every rule, and so every kernel)

    kernels = list(_KERNELS)
    elsewhere = False
    # Without a cache folder the workers' work could not be shared: compile here alone.
    if not _jit_disabled() and not is_cached() and _numba().config.CACHE_DIR:
        # No worker processes here (OSError, RuntimeError): this one compiles them all.
        with contextlib.suppress(OSError, RuntimeError):
            elsewhere = _compile_in_parallel(kernels, progress)
    for done, each in enumerate(kernels, start=1):
        each.compiled()  # loaded from the cache if the workers compiled it
        if progress is not None and (not elsewhere or done == len(kernels)):
            progress(done, len(kernels))
    folder = _numba().config.CACHE_DIR
    if folder and not _jit_disabled():
        (Path(folder) / _READY).touch()


def _compile_in_parallel(
    kernels: list[Kernel], progress: Callable[[int, int], None] | None
) -> bool:
    """Fill the cache from worker processes, for this process to load; False when this
    machine has a single core (nothing to gain)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    workers = min(os.cpu_count() or 1, 4)
    if workers < 2:
        return False
    global _pool
    # Spawned, not forked: the window's process has threads and a display open.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as _pool:
        # One kernel a job: the count moves often, and a closing window waits for one only.
        # Last registered first: those call the others (a module's helpers come before its
        # kernels, the model before the policies), so the longest jobs do not come last.
        jobs = [
            _pool.submit(_compile_one, k.fn.__module__, k.fn.__qualname__) for k in kernels[::-1]
        ]
        total = len(jobs)
        for done, job in enumerate(as_completed(jobs), start=1):
            if job.cancelled():  # stop_preparing: the window is closing
                continue
            job.result()
            if progress is not None:
                progress(done, total)
    _pool = None
    return True


_pool: Any = None  # the workers while they compile


def stop_preparing() -> None:
    """Drop the compiling not yet started (the window closes during the first start):
    Python's exit would otherwise wait for every queued kernel."""
    pool = _pool
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _compile_one(module: str, name: str) -> None:
    """In a worker process: compile the kernel `name` of `module` (imported here)."""
    importlib.import_module(module)
    for each in _KERNELS:
        if (each.fn.__module__, each.fn.__qualname__) == (module, name):
            each.compiled()


def is_cached() -> bool:
    """Whether `prepare` has compiled this version of the model for this user: then the
    kernels load in well under a second; otherwise they compile, once, for tens of seconds.
    Asks without importing numba."""
    if _jit_disabled():
        return True
    from importlib.metadata import PackageNotFoundError, version

    try:
        folder = _cache_folder(version("numba"))
    except PackageNotFoundError:
        return False
    return (folder / _READY).exists()


def _jit_disabled() -> bool:
    return os.environ.get("NUMBA_DISABLE_JIT", "0") not in ("", "0")


def _compile(fn: Callable[..., Any], signature: str, inline: bool) -> Callable[..., Any]:
    if _jit_disabled():
        return fn  # numba would hand back the function itself; it need not even be installed
    numba = _numba()
    cached = bool(numba.config.CACHE_DIR)
    if inline:
        # Compiled into each kernel that calls it; on its own only if Python calls it (typed
        # from that call): nothing else would use a copy compiled by itself.
        inlined: Callable[..., Any] = numba.njit(error_model="numpy", inline="always")(fn)
        return inlined
    # numba's own reading of a signature string (a literal of the model's source, never
    # input), with the model's tuple of coefficients.
    typed = eval(signature, {}, _signature_types(numba))
    jit = numba.njit(typed, cache=cached, error_model="numpy")
    result: Callable[..., Any] = jit(fn)
    return result


def _signature_types(numba: Any) -> dict[str, Any]:
    """numba's type names, `Coef` for the model's coefficients (one record of `COEF_DTYPE`)
    and `CoefRow` for `Params.coef_row` (a read-only array of that one record)."""
    from game.model.params import COEF_DTYPE

    coef = numba.from_dtype(COEF_DTYPE)
    row = numba.types.Array(coef, 1, "C", readonly=True)
    return {**numba.types.__dict__, "Coef": coef, "CoefRow": row}


def _with_compiled_callees(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` seeing the compiled versions of the kernels it calls: numba can call a compiled
    function, not a `Kernel`."""
    names = [n for n in fn.__code__.co_names if isinstance(fn.__globals__.get(n), Kernel)]
    if not names:
        return fn
    scope = dict(fn.__globals__)
    scope.update({n: fn.__globals__[n].compiled() for n in names})
    copy = types.FunctionType(fn.__code__, scope, fn.__name__, fn.__defaults__, fn.__closure__)
    copy.__qualname__, copy.__module__ = fn.__qualname__, fn.__module__
    return copy


_configured = False
_READY = "prepared"  # written in a version's cache folder once every kernel is in it


def _numba() -> Any:
    """numba, with its cache folder set for this version of the model."""
    global _configured
    try:
        import numba
    except ImportError as exc:  # an install without its dependencies
        raise ImportError(
            "numba is not installed: the model's kernels need it (reinstall Odd Duck, or set"
            " NUMBA_DISABLE_JIT=1 to run them as plain Python, slowly)"
        ) from exc

    if not _configured:
        folder = _cache_folder(numba.__version__)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            writable = os.access(folder, os.W_OK)
        except OSError:
            writable = False
        # Unwritable (a read-only home): compile in every process rather than fail.
        config: Any = numba.config
        config.CACHE_DIR = str(folder) if writable else ""
        _configured = True
    return numba


# The packages whose modules hold kernels (a test checks that no other does): the cache
# is keyed by all their sources, whatever of them a process has imported yet.
KERNEL_PACKAGES = ("model", "policies")


@functools.cache
def _cache_folder(numba_version: str) -> Path:
    base = os.environ.get("NUMBA_CACHE_DIR") or ""
    if not base:
        home = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or ""
        base = str(Path(home) if home else Path.home() / ".cache")
        base = str(Path(base) / "odd-duck" / "compiled")
    digest = hashlib.sha256(f"{numba_version} {sys.version}".encode())
    # Their paths count too: numba files its cache by source path, so another install of
    # the same version (a wheel beside a checkout) has kernels of its own to compile.
    for package in KERNEL_PACKAGES:
        # Found, not imported: the policies are not imported on the title's way.
        spec = importlib.util.find_spec(f"game.{package}")
        for folder in (spec.submodule_search_locations or []) if spec is not None else []:
            for source in sorted(Path(folder).resolve().rglob("*.py")):
                digest.update(f"{source}".encode())
                digest.update(source.read_bytes())
    return Path(base) / digest.hexdigest()[:16]
