"""Writing a file (a report, an export) so that a reader never sees half of it.

Reports are opened while a build runs, shared on network folders and regenerated over the old copy; a crash
or a full disk must leave the previous report intact. Every report is written to a temporary file in the same
folder (same file system, so the rename is atomic) and then moved over the target with ``os.replace``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once at import, not per write, because the process-wide
    # umask must not flicker while other threads create files.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_atomic(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` to fill a temporary file beside ``path``, then move it onto ``path``.

    The temporary file is removed if ``write`` fails. The result gets ordinary file permissions (tempfile
    creates it private to the user)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
