"""Merged provinces: an authority's documents and its predecessors' in force on a date, grouped by subject, with
the conflicting provisions of each group side by side (Luật 64/2025 Điều 54 khoản 2: when units merge, the new
HĐND or UBND decides which predecessor documents keep applying).

A subject is what documents share: a central document they implement (a legal basis or a detailed document that
is not one every local document cites, see ``data/findings/merger.json``) or most of their title words. Within a
group, each article of one predecessor's document is paired with the most alike article of another
predecessor's (review.diff.similarity); a pair whose time limits, fees or dossier sets differ is a conflict. The
office's decision on each document (keep applying / replace / repeal) is stored by the API
(``Corpus.merger_decide``) and shown with it."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from review.diff import similarity
from review.errors import UsageError
from review.graph import status_engine
from review.identity import registry
from review.store import CorpusSnapshot, Store
from review.text.fold import fold
from review.vocab import MergerDecision


@cache
def settings() -> dict[str, Any]:
    text = resources.files("review").joinpath("data/findings/merger.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class MergerDoc:
    doc: str
    authority: str
    authority_name: str
    type: str | None
    title: str | None
    issued: str | None
    status: str
    bases: tuple[str, ...]
    decision: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, bases=list(self.bases))


@dataclass(frozen=True)
class Conflict:
    kind: str  # time_limit | fee | dossier
    label: str
    left_doc: str
    left_unit: str
    left_text: str
    left_values: tuple[str, ...]
    right_doc: str
    right_unit: str
    right_text: str
    right_values: tuple[str, ...]
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, left_values=list(self.left_values), right_values=list(self.right_values))


@dataclass(frozen=True)
class SubjectGroup:
    subject: str
    bases: tuple[str, ...]
    docs: tuple[MergerDoc, ...]
    conflicts: tuple[Conflict, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "bases": list(self.bases),
            "docs": [d.to_dict() for d in self.docs],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


def title_words(title: str | None) -> frozenset[str]:
    stop = set(settings()["stopwords"])
    words = re.findall(r"\w+", (title or "").lower())
    return frozenset(w for w in words if w not in stop and not w.isdigit() and len(w) > 1)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def merger_groups(
    snapshot: CorpusSnapshot, code: str, at: str, decisions: dict[str, dict[str, Any]] | None = None
) -> list[SubjectGroup]:
    """The subject groups of the documents ``code`` is responsible for (its own and its predecessors') that are
    in force on ``at``; groups with documents of several predecessors first."""
    reg = registry()
    codes = reg.responsible_for(reg.get(code).code)
    engine = status_engine(snapshot)
    cfg = settings()
    generic = set(cfg["generic_bases"])
    decisions = decisions or {}
    docs: list[MergerDoc] = []
    for d in sorted(snapshot.documents.values(), key=lambda d: (d.issued or "", d.id)):
        if d.authority not in codes:
            continue
        st = engine.document(d.id, at).status
        if st not in ("in_force", "partly_expired"):
            continue
        bases = sorted(
            {
                r.target.doc
                for r in snapshot.references_of(d.id)
                if r.relation in ("legal_basis", "guides")
                and r.target.doc
                and "@" not in r.target.doc
                and r.target.doc.partition("~")[0] not in generic
                and not any(w in fold(r.target.title or "") for w in map(fold, cfg["generic_title_words"]))
            }
        )
        chosen = decisions.get(d.id, {})
        docs.append(
            MergerDoc(d.id, d.authority or "", reg.get(d.authority).name if d.authority else "", d.type,
                      d.title, d.issued, st, tuple(bases), chosen.get("decision"), chosen.get("note"))
        )  # fmt: skip
    # Union-find over documents sharing a specific basis or most title words.
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [title_words(d.title) for d in docs]
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if (
                set(docs[i].bases) & set(docs[j].bases)
                or _jaccard(words[i], words[j]) >= cfg["title_similarity"]
            ):
                parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(len(docs)):
        members.setdefault(root(i), []).append(i)
    groups = []
    for idx in members.values():
        group_docs = tuple(docs[i] for i in idx)
        shared = Counter(b for d in group_docs for b in d.bases)
        group_bases = tuple(b for b, n in shared.most_common() if n > 1 or len(group_docs) == 1)
        common = Counter(w for i in idx for w in words[i])
        first = group_docs[0].title or group_docs[0].doc
        shared_words = [w for w in dict.fromkeys(re.findall(r"\w+", first.lower())) if common[w] > 1]
        subject = first[:120] if len(idx) == 1 or not shared_words else " ".join(shared_words[:8])
        groups.append(SubjectGroup(subject, group_bases, group_docs, tuple(_conflicts(snapshot, group_docs))))
    groups.sort(key=lambda g: (-len({d.authority for d in g.docs}), -len(g.docs), g.subject))
    return groups


def _article_texts(snapshot: CorpusSnapshot, doc: str) -> dict[str, str]:
    """Each article's words with its clauses and points."""
    out: dict[str, list[str]] = {}
    for u in snapshot.units_of(doc):
        head = u.eid.split("__")[0]
        if head.startswith("dieu_"):
            out.setdefault(head, []).append(" ".join(x for x in (u.heading, u.text) if x))
    return {k: " ".join(v) for k, v in out.items()}


def quantities(text: str) -> dict[str, tuple[str, ...]]:
    """The time limits, fees and dossier sets a provision states (``{"time_limit": ("15 ngày làm việc",)}``)."""
    out: dict[str, tuple[str, ...]] = {}
    for q in settings()["quantities"]:
        found = tuple(sorted({f"{m.group(1)} {m.group(2)}" for m in re.finditer(q["pattern"], text.lower())}))
        if found:
            out[q["kind"]] = found
    return out


def _conflicts(snapshot: CorpusSnapshot, docs: tuple[MergerDoc, ...]) -> list[Conflict]:
    labels = {q["kind"]: q["vi"] for q in settings()["quantities"]}
    threshold = settings()["article_similarity"]
    texts = {d.doc: _article_texts(snapshot, d.doc) for d in docs}
    out: list[Conflict] = []
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if a.authority == b.authority:
                continue
            for ua, ta in texts[a.doc].items():
                qa = quantities(ta)
                if not qa:
                    continue
                best = max(((similarity(ta, tb), ub, tb) for ub, tb in texts[b.doc].items()), default=None)
                if best is None or best[0] < threshold:
                    continue
                sim, ub, tb = best
                qb = quantities(tb)
                for kind in sorted(set(qa) & set(qb)):
                    if qa[kind] != qb[kind]:
                        out.append(Conflict(kind, labels[kind], a.doc, ua, ta, qa[kind], b.doc, ub, tb, qb[kind],
                                            sim))  # fmt: skip
    return out


def decide(
    store: Store,
    snapshot: CorpusSnapshot,
    authority: str,
    doc_id: str,
    decision: str | None,
    note: str | None,
) -> dict[str, Any]:
    """Store what ``authority`` decides for ``doc_id`` (its own or a predecessor's document)."""
    reg = registry()
    code = reg.get(authority).code
    owner = snapshot.documents[doc_id].authority
    if owner not in reg.responsible_for(code):
        raise UsageError(f"{doc_id} is not a document {code} is responsible for")
    if decision is not None and decision not in list(MergerDecision):
        raise UsageError(f"decision {decision!r}: one of " + ", ".join(MergerDecision))
    store.set_merger_decision(code, doc_id, decision, note)
    return {"authority": code, "doc": doc_id, "decision": decision, "note": note}


def stored_decisions(store: Store, snapshot: CorpusSnapshot, authority: str) -> list[dict[str, Any]]:
    """The decisions of ``authority``, each with its document's province and the decision's Vietnamese label."""
    reg = registry()
    docs = snapshot.documents
    out = []
    for d in store.merger_decisions(reg.get(authority).code):
        owner = docs[d["doc"]].authority if d["doc"] in docs else None
        label = MergerDecision(d["decision"]).vi
        out.append({**d, "authority_name": reg.get(owner).name if owner else "", "label": label})
    return out
