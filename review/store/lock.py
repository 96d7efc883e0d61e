"""One build at a time per corpus: a lock file beside the store, held for the whole build.

A second build waits for the first (up to ``wait`` seconds) and then says clearly that another build is running,
with its process id, instead of failing later with SQLite's "database is locked".
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from review.errors import StoreBusy

LOCK_FILE = ".build.lock"


@contextmanager
def build_lock(corpus_dir: str | Path, wait: float = 30.0) -> Iterator[None]:
    path = Path(corpus_dir) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking is all there is
        yield
        return
    with path.open("a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "?"
                    raise StoreBusy(
                        f"another build is running on this corpus (process {holder})",
                        path=str(corpus_dir),
                        hint="wait for it to finish, then build again",
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
