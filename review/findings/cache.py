"""Findings computed once per build of the corpus and date, and kept (issue 15.5).

Every rule over every unit costs seconds; a reviewer's list, a decision click and ``review findings`` on an
unchanged corpus should not pay that again. The complete list on a date — every rule, before filters, decisions
and ranking, which are cheap and applied per call — is kept in memory and in the store, under a key of the build
number, the date and a fingerprint of the rules (their code and data files), so a new toolkit or an edited
lexicon never reads an old list. Decisions are not part of the kept list: recording one changes one row of the
store and nothing has to be recomputed."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from review.models import Finding

MEMORY_DATES = 8  # dates kept in memory per corpus (and in the store, per build)


class FindingsStore(Protocol):
    def build_version(self) -> int: ...
    def cached_findings(self, key: str) -> bytes | None: ...
    def keep_findings(self, key: str, build: int, payload: bytes, keep: int = ...) -> bool: ...


@cache
def rules_fingerprint() -> str:
    """A digest of what decides the findings besides the corpus: the toolkit's code (rules, status engine,
    resolver …) and its data files, so an upgraded toolkit or an edited lexicon never reads an old list."""
    digest = hashlib.sha256()
    package = Path(str(resources.files("review")))
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def encode(findings: Sequence[Finding]) -> bytes:
    return zlib.compress(json.dumps([f.to_dict() for f in findings], ensure_ascii=False).encode("utf-8"), 6)


def decode(payload: bytes) -> tuple[Finding, ...]:
    return tuple(Finding.from_dict(d) for d in json.loads(zlib.decompress(payload).decode("utf-8")))


class FindingsCache:
    """The complete findings of one corpus by date: from memory, else from the store, else ``compute()``."""

    def __init__(self, store: FindingsStore):
        self.store = store
        self._memory: dict[str, tuple[Finding, ...]] = {}
        self.computed = 0  # how many lists were computed rather than read (tests and benchmarks look)

    def key(self, at: str) -> tuple[int, str]:
        build = self.store.build_version()
        return build, f"{build}|{at}|{rules_fingerprint()}"

    def get(self, at: str, compute: Callable[[], Sequence[Finding]]) -> tuple[Finding, ...]:
        build, key = self.key(at)
        found = self._memory.get(key)
        if found is None:
            payload = self.store.cached_findings(key)
            if payload is not None:
                found = decode(payload)
            else:
                found = tuple(compute())
                self.computed += 1
                self.store.keep_findings(key, build, encode(found), MEMORY_DATES)
            # Lists of an older build are never asked for again; of this build keep the latest few dates.
            kept = {k: v for k, v in self._memory.items() if k.startswith(f"{build}|")}
            self._memory = dict(list(kept.items())[-(MEMORY_DATES - 1) :]) | {key: found}
        return found
