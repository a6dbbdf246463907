"""An interrupted batch and how it continues: signals, and the checkpoint in the output folder.

A batch plays its games in a fixed order, so what it has done is a prefix: the first
`done` games (see run.Progress). The checkpoint, `.batch-resume.npz` beside the partial
`.games.csv.partial`, holds that prefix's exact integer tallies, the partial file's length
at that point and the inputs that decide the results; it is written atomically every few
seconds and when the run is interrupted. `--resume` refuses a checkpoint made with other
inputs, then plays the rest: the result is the one an uninterrupted run gives, bit for bit.
"""

import contextlib
import hashlib
import json
import os
import signal
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np

from game.batch.run import Progress

CHECKPOINT = ".batch-resume.npz"
PARTIAL = ".games.csv.partial"
FORMAT, VERSION = "odd-duck-batch-resume", 1
SAVE_EVERY_S = 5.0  # at least; longer when a save is slow (many sweep points)
IGNORED = ("workers", "chunk", "backend")  # inputs that never change a result


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM during a batch; the exit status is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


class Stop:
    """While entered (in the main thread), SIGINT and SIGTERM raise Interrupted, but never
    inside `held()`: there the signal waits for the block's end, so that a chunk is merged
    and written whole or not at all. Later signals are ignored: the run is already stopping,
    and what it does then (end the workers, save the checkpoint) is short."""

    def __init__(self) -> None:
        self.signum = 0
        self._depth = 0
        self._raised = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> "Stop":
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: object) -> None:
        if self.signum:
            return
        self.signum = signum
        if not self._depth:
            self._raise()

    def _raise(self) -> None:
        self._raised = True
        raise Interrupted(self.signum)

    @contextlib.contextmanager
    def held(self, then_raise: bool = True) -> Iterator[None]:
        """A block no signal interrupts; one that came meanwhile is raised at its end
        (`then_raise`) or left in `signum` for the caller."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if then_raise and self.signum and not self._depth and not self._raised:
            self._raise()


class ResumeError(ValueError):
    """A checkpoint that cannot be continued; the message says why and what to do."""


def fingerprint(inputs: dict[str, Any], policies: Sequence[str]) -> dict[str, Any]:
    """What decides a run's results: its inputs but workers, chunk and backend, and the
    content of each policy file (an edited file plays differently under the same name)."""
    files = {}
    for spec in policies:
        file_part, sep, _ = spec.rpartition(":")
        if sep and Path(file_part).is_file():
            files[spec] = hashlib.sha256(Path(file_part).read_bytes()).hexdigest()
    kept = {k: v for k, v in inputs.items() if k not in IGNORED}
    normal: dict[str, Any] = json.loads(json.dumps({**kept, "policy_files_sha256": files}))
    return normal


def differences(then: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """The inputs that differ, in words: 'seed 1 then, 2 now'."""
    words = {
        "scenario_sha256": "the scenario's content",
        "sweep_sha256": "the swept scenarios' content",
        "policy_files_sha256": "a policy file's content",
    }
    out = []
    for key in [*now, *(k for k in then if k not in now)]:
        if then.get(key) != now.get(key):
            if key in words:
                out.append(f"{words[key]} has changed")
            else:
                out.append(f"{key} {_short(then.get(key))} then, {_short(now.get(key))} now")
    return out


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


class Checkpoint:
    """The checkpoint of one output folder; `rows` is the partial games.csv being written."""

    def __init__(self, folder: Path, inputs: dict[str, Any], rows: IO[str] | None) -> None:
        self.path = folder / CHECKPOINT
        self.inputs, self.rows = inputs, rows
        self.last, self.every = time.monotonic(), SAVE_EVERY_S

    def due(self) -> bool:
        return time.monotonic() - self.last >= self.every

    def save(self, progress: Progress) -> None:
        """Write the progress atomically, after the rows it covers reach the disk."""
        started = time.monotonic()
        csv_bytes = None
        if self.rows is not None:
            self.rows.flush()
            os.fsync(self.rows.fileno())
            csv_bytes = os.fstat(self.rows.fileno()).st_size
        tallies: list[dict[str, Any]] = []
        arrays: dict[str, Any] = {}
        for i, ((point, policy), tally) in enumerate(progress.tallies.items()):
            scalars, data = tally.record()
            tallies.append({"point": point, "policy": policy, "scalars": scalars})
            arrays.update({f"{i}.{name}": array for name, array in data.items()})
        meta = {
            "format": FORMAT,
            "version": VERSION,
            "inputs": self.inputs,
            "done": progress.done,
            "game_turns": progress.game_turns,
            "elapsed_s": progress.elapsed_s,
            "csv_bytes": csv_bytes,
            "tallies": tallies,
        }
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("wb") as handle:
            np.savez_compressed(handle, meta=np.array(json.dumps(meta)), **arrays)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(self.path)
        self.last = time.monotonic()
        self.every = max(SAVE_EVERY_S, 10 * (self.last - started))

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self.path.with_name(self.path.name + ".tmp").unlink(missing_ok=True)


def load(folder: Path, inputs: dict[str, Any], progress: Progress, total: int) -> int | None:
    """Fill the fresh `progress` from the folder's checkpoint; returns the length of the
    partial games.csv it covers (None without one). ResumeError when there is no
    checkpoint, it is damaged, or it was made with other inputs."""
    path = folder / CHECKPOINT
    if not path.is_file():
        raise ResumeError(
            f"there is no interrupted run in {folder} to continue (hint: leave out --resume)"
        )
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if (meta.get("format"), meta.get("version")) != (FORMAT, VERSION):
                raise ValueError("not a checkpoint of this version")
            changed = differences(meta["inputs"], inputs)
            if changed:
                raise ResumeError(
                    f"the interrupted run in {folder} had other settings ("
                    + "; ".join(changed[:3])
                    + "): run the command it was started with, or leave out --resume to"
                    " start afresh"
                )
            _restore(progress, meta, data, total)
    except ResumeError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise ResumeError(
            f"{path} cannot be read ({exc}); leave out --resume to start afresh"
        ) from None
    csv_bytes = meta["csv_bytes"]
    return None if csv_bytes is None else int(csv_bytes)


def _restore(progress: Progress, meta: dict[str, Any], data: Any, total: int) -> None:
    entries = meta["tallies"]
    if len(entries) != len(progress.tallies) or not 0 <= int(meta["done"]) <= total:
        raise ValueError("it does not match this run's size")
    for i, entry in enumerate(entries):
        tally = progress.tallies[(entry["point"], entry["policy"])]
        names = [name.split(".", 1)[1] for name in data.files if name.startswith(f"{i}.")]
        tally.restore(entry["scalars"], {name: data[f"{i}.{name}"] for name in names})
    progress.done = int(meta["done"])
    progress.game_turns = int(meta["game_turns"])
    progress.elapsed_s = float(meta["elapsed_s"])


def reopen_rows(path: Path, size: int) -> IO[str]:
    """The partial games.csv cut back to the `size` bytes the checkpoint covers (rows written
    after the last save are played again), open for appending."""
    if not path.is_file() or path.stat().st_size < size:
        raise ResumeError(
            f"{path} is missing or shorter than the checkpoint says; leave out --resume to"
            " start afresh"
        )
    with path.open("r+b") as handle:
        handle.truncate(size)
    return path.open("a", newline="", encoding="utf-8")
