"""The query language, parsed once and translated by each engine.

    dat dai                 every word (folded: accents optional)
    "bản sao có chứng thực" a phrase
    giấy phép OR chứng chỉ  either; AND is the default between parts
    khiếu nại NOT tố cáo    exclude (also -tố)
    43/2014/NĐ-CP           a document number (also "NĐ 43/2014", "nghị định 43/2014", "tt 06/2026")
    hoan thue gtgt          an abbreviation also finds its words ("giá trị gia tăng"; data/search/abbreviations.json)

Nothing a user types raises a traceback: an unbalanced quote closes at the end, stray operators are dropped, and
an empty query is a ``QueryError`` with a message that says what to type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from review.errors import UsageError
from review.identity.mentions import NumberMention, find_mentions
from review.search.analysis import analyse

MAX_TERMS = 64


class QueryError(UsageError):
    code = "E402"


@dataclass(frozen=True)
class Term:
    folded: tuple[str, ...]  # one token, or several for a word that analyses into several
    exact: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    folded: tuple[str, ...]
    exact: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """One AND-part of the query: its alternatives (OR) and whether it is excluded (NOT)."""

    alternatives: tuple[Term | Phrase, ...]
    negated: bool = False
    # The clause is one typed word that is an abbreviation, its expansion added as the first alternative
    # (data/search/abbreviations.json); to relaxed matching it counts as a word, not as an OR.
    expanded: bool = False
    # Scored when present, not required (the words of a relaxed query, review.search.rank.relaxed_query).
    optional: bool = False


DocumentNumber = NumberMention  # a number or short form naming a document (review.identity.mentions)


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()
    numbers: tuple[DocumentNumber, ...] = field(default_factory=tuple)
    text: str = ""

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def required(self) -> tuple[Clause, ...]:
        """The clauses a hit must match (positive and not optional)."""
        return tuple(c for c in self.clauses if not c.negated and not c.optional)

    def highlight_terms(self) -> list[tuple[str, ...]]:
        """Folded token sequences to highlight in snippets."""
        out = []
        for c in self.positive:
            for alt in c.alternatives:
                out.append(alt.folded)
        return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, Phrase]:
    """Folded abbreviation -> the phrase it stands for (data/search/abbreviations.json)."""
    data = json.loads(resources.files("review").joinpath("data/search/abbreviations.json").read_text("utf-8"))
    out: dict[str, Phrase] = {}
    for row in data["abbreviations"]:
        folded, exact = analyse(row["expansion"])
        out[analyse(row["abbr"])[0][0]] = Phrase(tuple(folded), tuple(exact))
    return out


def _expand(item: Term | Phrase) -> tuple[Term | Phrase, ...]:
    """A typed abbreviation also looks for what it stands for (the expansion first: ranking reads it)."""
    if isinstance(item, Term) and len(item.folded) == 1:
        expansion = abbreviations().get(item.folded[0])
        if expansion is not None:
            return (expansion, item)
    return (item,)


_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


def parse_query(text: str) -> ParsedQuery:
    original = text
    text = text.replace("“", '"').replace("”", '"').strip()
    numbers = find_mentions(text)
    clauses: list[Clause] = []
    negate_next = False
    or_next = False
    count = 0
    for m in _TOKEN.finditer(text):
        if m.group("phrase") is not None:
            folded, exact = analyse(m.group("phrase"))
            if not folded:
                continue
            item: Term | Phrase = Phrase(tuple(folded), tuple(exact))
        else:
            word = m.group("word")
            if word in ("AND", "&&"):
                continue
            if word in ("OR", "||"):
                or_next = True
                continue
            if word == "NOT":
                negate_next = True
                continue
            if word.startswith("-") and len(word) > 1:
                negate_next, word = True, word[1:]
            folded, exact = analyse(word)
            if not folded:
                continue
            item = (
                Term(tuple(folded), tuple(exact)) if len(folded) == 1 else Phrase(tuple(folded), tuple(exact))
            )
        items = _expand(item) if m.group("word") is not None and not negate_next else (item,)
        count += sum(len(i.folded) for i in items)
        if count > MAX_TERMS:
            raise QueryError(f"the query has more than {MAX_TERMS} words; shorten it")
        if or_next and clauses and not clauses[-1].negated:
            last = clauses.pop()
            clauses.append(Clause((*last.alternatives, *items), False))
        else:
            clauses.append(Clause(items, negate_next, expanded=len(items) > 1))
        negate_next = or_next = False
    if not any(not c.negated for c in clauses):
        if clauses:
            raise QueryError("a query cannot only exclude words: add a word to look for")
        raise QueryError('type a word, a "phrase" or a document number to search')
    return ParsedQuery(tuple(clauses), tuple(numbers), original)
