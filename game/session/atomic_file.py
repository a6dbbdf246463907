"""Write a file so that a crash leaves either the old version or the new one, never half.

The text goes to a temporary file beside the target, is flushed to the disk, and
then renamed over the target (atomic on every file system we run on). The
temporary file is created with mode 0666 minus the user's umask, as any editor
would create it: `tempfile.mkstemp` makes 0600 files, which a facilitator
collecting saves and results from a shared folder cannot read.
"""

import os
import secrets
from pathlib import Path


def create_exclusive(path: Path) -> int:
    """Open a new file at `path` for writing (FileExistsError if there is one); umask honoured."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


def write_text_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) atomically, creating its folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = create_exclusive(tmp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
