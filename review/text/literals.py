"""The words a regular expression cannot match without: a pre-filter that skips texts a pattern cannot match.

``required_literals(pattern)`` reads the parsed pattern and returns strings (lower case) one of which every match
contains, or None when it cannot tell (a pattern that opens with a character class and nothing else, say).
A text holding none of them is skipped without running the pattern: most units of a corpus contain none of a
burden signal's words, and ``str.__contains__`` is far cheaper than a case-insensitive regex scan.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]

# A literal shorter than this filters too little to be worth the test.
MIN_LENGTH = 2
Options = frozenset[str] | None


def _best(candidates: list[frozenset[str]]) -> Options:
    """The candidate whose shortest option is longest (the most selective test)."""
    usable = [c for c in candidates if c and min(map(len, c)) >= MIN_LENGTH]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def _sequence(items) -> Options:
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is _c.SUBPATTERN:
            found = _sequence(av[-1])
        elif op is _c.BRANCH:
            found = _branch(av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            found = _sequence(av[2])
        else:  # a class, any character, an optional part, a lookaround, an anchor: nothing required from it
            found = None
        if found:
            candidates.append(found)
    close()
    return _best(candidates)


def _branch(alternatives) -> Options:
    out: set[str] = set()
    for alternative in alternatives:
        found = _sequence(alternative)
        if not found:
            return None  # one alternative needs no literal: the branch as a whole needs none
        out |= found
    return frozenset(out)


@lru_cache(maxsize=1024)
def required_literals(pattern: str) -> Options:
    """Lower-case strings one of which every match of ``pattern`` contains (None: no such test is known).

    Read case-insensitively: test them against the lower-cased text."""
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    return _sequence(list(parsed))


def may_match(options: Options, lowered: str) -> bool:
    """False only when the lower-cased text holds none of the options (the pattern cannot match it)."""
    return options is None or any(o in lowered for o in options)
