"""Write a file so that a crash leaves either the old version or the new one, never half.

Every file the game writes for a person (saves, result files, settings, reports,
charts, batch summaries) goes through here. The content goes to a temporary file
beside the target, reaches the disk, and is then renamed over the target (atomic
on every file system we run on). The temporary file is created with mode 0666
minus the user's umask, as any editor would create it: `tempfile.mkstemp` makes
0600 files, which a facilitator collecting saves and results from a shared folder
cannot read.
"""

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def create_exclusive(path: Path) -> int:
    """Open a new file at `path` for writing (FileExistsError if there is one); umask honoured."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Have `write` fill a new temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            os.close(create_exclusive(tmp))
        except FileExistsError:
            continue
        break
    try:
        write(tmp)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8, written as given) atomically and durably."""

    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    write_atomically(path, fill)


def write_private_text(path: Path, text: str) -> None:
    """Like `write_text_atomic`, for a file that holds a secret (a token): readable by its
    owner only, from before the secret is written into it."""

    def fill(tmp: Path) -> None:
        tmp.chmod(0o600)
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    write_atomically(path, fill)
