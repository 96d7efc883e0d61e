"""Văn bản and Lược đồ: a document's page (its status on a date, the unit tree with its references as links,
amendment marks, findings) and its relation diagram (the documents one step around it), each with a JSON twin.

Both live under one route, ``/doc/<id>``, because a document id has slashes in it (``10/2020/NĐ-CP``, sent as
``%2F`` but decoded before routing): the page is told apart by the ``/graph`` and ``.json`` endings.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for

from review import Corpus, Reference
from review.errors import AmbiguousDocument, DocumentNotFound
from review.web.feedback import document_feedback
from review.web.labels import RELATION_LABELS, doc_url
from review.web.respond import at_param, int_param, respond, status_for, wants_json
from review.web.runner import current_runner

bp = Blueprint("document", __name__)


def _resolved(typed: str, suffix: str, *, cited: bool):
    """The id the path names, or the answer to give instead: a redirect to the id's own address when it was
    typed another way (``145/2020/ND-CP``, ``NĐ 145/2020``), a choice between documents sharing a number, a 404
    with the closest numbers."""
    runner = current_runner()
    try:
        doc_id = runner.run(lambda c: c.resolve(typed, cited=cited))
    except AmbiguousDocument as exc:
        at = request.args.get("at")
        candidates = [c.to_dict() for c in exc.candidates]
        if wants_json():
            return None, (jsonify({"error": str(exc), "status": 300, "candidates": candidates}), 300)
        page = render_template("choose.html", typed=typed, candidates=candidates, suffix=suffix, at=at)
        return None, (page, 300)
    except DocumentNotFound as exc:
        close = (
            exc.hint.removeprefix("did you mean ") if exc.hint and exc.hint.startswith("did you mean") else ""
        )
        hint = f" Có phải văn bản: {close}? (did you mean)" if close else ""
        abort(404, description=f"Không có văn bản {typed!r} trong kho (no such document).{hint}")
    if doc_id != typed:
        json_suffix = ".json" if request.path.endswith(".json") else ""
        query = {k: v for k, v in request.args.items()}
        return None, redirect(doc_url(doc_id, suffix=suffix + json_suffix, **query))
    return doc_id, None


@bp.get("/doc/<path:doc_path>")
def doc_page(doc_path: str):
    doc_path = doc_path.removesuffix(".json")
    if doc_path.endswith("/graph"):
        return graph_page(doc_path.removesuffix("/graph"))
    resolved, answer = _resolved(doc_path, "", cited=False)
    if answer is not None:
        return answer
    doc_path = resolved
    at = at_param()
    runner = current_runner()
    try:
        # Every use of the store goes through the one worker thread (one SQLite connection).
        doc, status, refs, history = runner.run(
            lambda c: (
                c.document(doc_path),
                c.status(doc_path, at),
                c.references(doc_path),
                c.history(doc_path),
            )
        )
    except DocumentNotFound as exc:
        abort(status_for(exc), description=f"Không có văn bản {doc_path!r} trong kho (no such document).")
    units = runner.cached(("units_at", doc.id, at), lambda c: c.units_at(doc.id, at))
    mine = [f for f in runner.findings(at) if f.doc == doc.id]
    unit_history = history_by_unit(doc.id, history)

    def context() -> dict:
        by_unit: dict[str, list] = {}
        for r in refs:
            if r.part == "text" and r.unit:
                by_unit.setdefault(r.unit, []).append(r)
        findings_by_unit: dict[str, list] = {}
        for f in mine:
            findings_by_unit.setdefault(f.unit or "", []).append(f)
        return {
            "doc": doc,
            "at": at,
            "status": status,
            "segments": lambda unit: segments(unit.text, by_unit.get(unit.eid, [])),
            "marks": unit_history,
            "state_of": {u.eid: u for u in units},
            "inserted_after": inserted_after(units),
            "unplaced": [u for u in units if u.state == "unplaced"],
            "changed": sum(1 for u in units if u.state not in ("unchanged", "covered", "unplaced")),
            "findings": mine,
            "findings_by_unit": findings_by_unit,
            "preamble_refs": [r for r in refs if r.unit == "preamble"],
        }

    return respond(
        "doc.html",
        lambda: {
            "document": doc.to_dict(),
            "at": at,
            "status": status.to_dict(),
            "units": [
                u.to_dict() | {"history": [h for h in unit_history.get(u.eid, []) if h["date"]]}
                for u in units
            ],
            "references": [r.to_dict() for r in refs],
            "history": [h.to_dict() for h in history],
            "findings": [f.to_dict() for f in mine],
            "feedback": document_feedback(doc.id),
        },
        context,
    )


def inserted_after(units: list) -> dict[str, list]:
    """The units an amending act inserted, by the unit each follows (the page prints them after it)."""
    out: dict[str, list] = {}
    for u in units:
        if u.state == "inserted" and u.after:
            out.setdefault(u.after, []).append(u)
    return out


def history_by_unit(doc_id: str, history: list) -> dict[str, list[dict]]:
    """The dated acts on each unit (from the document's history), oldest first, each with the address of the
    comparison of the unit's wording the day before and on the day (So sánh)."""
    out: dict[str, list[dict]] = {}
    # A title naming the unit ("Sửa đổi khoản 1 Điều 2 …") is the same act as the article that does it.
    acting = {(h.node, h.doc) for h in history if h.unit and h.unit != "preamble"}
    for h in history:
        eid = h.node.partition("#")[2]
        if not eid or (h.unit in (None, "preamble") and (h.node, h.doc) in acting):
            continue
        entry = h.to_dict()
        if h.date:
            before = (date.fromisoformat(h.date[:10]) - timedelta(days=1)).isoformat()
            entry["compare"] = url_for(
                "compare.diff_page", doc=doc_id, unit=eid, **{"from": before, "to": h.date}
            )
        out.setdefault(eid, []).append(entry)
    return out


def graph_page(doc_id: str):
    resolved, answer = _resolved(doc_id, "/graph", cited=True)
    if answer is not None:
        return answer
    doc_id = resolved
    at = at_param()
    depth = int_param("depth", 1, 1, 2) or 1
    wanted = tuple(sorted(set(request.args.getlist("rel"))))
    unknown = [r for r in wanted if r not in RELATION_LABELS]
    if unknown:
        abort(400, description=f"Quan hệ không có (unknown relation): {unknown[0][:40]!r}.")
    runner = current_runner()
    if not runner.run(lambda c: doc_id in c.graph_view.timelines.docs):
        abort(404, description=f"Không có văn bản {doc_id!r} (no such document).")
    every = runner.cached(("graph", doc_id, at, depth), lambda c: neighbourhood(c, doc_id, at, depth))
    data = shown(every, set(wanted)) if wanted else every
    present = sorted({e["relation"] for e in every["edges"]}, key=list(RELATION_LABELS).index)
    return respond(
        "graph.html",
        lambda: data,
        lambda: {
            "doc_id": doc_id,
            "data": data,
            "at": at,
            "depth": depth,
            "present": present,
            "wanted": set(wanted) or set(present),
            "counts": Counter(e["relation"] for e in every["edges"]),
        },
    )


def shown(data: dict, relations: set[str]) -> dict:
    """The diagram with only the edges of ``relations`` (the centre and the documents they reach)."""
    edges = [e for e in data["edges"] if e["relation"] in relations]
    keep = {data["center"]} | {e["source"] for e in edges} | {e["target"] for e in edges}
    return data | {
        "edges": edges,
        "nodes": [n for n in data["nodes"] if n["id"] in keep],
        "relations": sorted(relations),
    }


def segments(text: str, refs: list[Reference]) -> list[tuple[str, Reference | None]]:
    """The unit's text cut at its references: (words, reference or None), for the template to escape and link."""
    out: list[tuple[str, Reference | None]] = []
    pos = 0
    for r in sorted(refs, key=lambda r: (r.start, -r.end)):
        if r.start < pos or r.end > len(text):
            continue
        out.append((text[pos : r.start], None))
        out.append((text[r.start : r.end], r))
        pos = r.end
    out.append((text[pos:], None))
    return out


def neighbourhood(c: Corpus, doc_id: str, at: str, depth: int = 1) -> dict:
    """Documents ``depth`` steps (1 or 2) around ``doc_id``: what it rests on (``out``) and what rests on it
    (``in``), one edge per (pair, relation) with a count and the step it was met at, each node with its computed
    status on ``at``."""
    edges: Counter = Counter()
    step: dict[tuple[str, str, str], int] = {}
    direction: dict[tuple[str, str, str], str] = {}
    for links, way in ((c.deps(doc_id, depth), "out"), (c.impact(doc_id, depth), "in")):
        for link in links:
            key = (link.source.partition("#")[0], link.target.partition("#")[0], link.relation)
            if key[0] == key[1]:
                continue
            edges[key] += 1
            step[key] = min(step.get(key, link.depth), link.depth)
            direction.setdefault(key, way)
    g = c.graph
    nodes = {}
    for a, b, _ in edges:
        for n in (a, b):
            if n not in nodes:
                attrs = g.nodes[n] if n in g else {}
                nodes[n] = {
                    "id": n,
                    "title": attrs.get("title"),
                    "type": attrs.get("type"),
                    "in_corpus": bool(attrs.get("in_corpus")),
                    "status": c.status(n, at).status,
                    "center": n == doc_id,
                }
    if doc_id not in nodes:
        nodes[doc_id] = {
            "id": doc_id,
            "title": g.nodes[doc_id].get("title") if doc_id in g else None,
            "type": None,
            "in_corpus": True,
            "status": c.status(doc_id, at).status,
            "center": True,
        }
    return {
        "center": doc_id,
        "at": at,
        "depth": depth,
        "nodes": sorted(nodes.values(), key=lambda n: (not n["center"], n["id"])),
        "edges": [
            {
                "source": a,
                "target": b,
                "relation": rel,
                "count": n,
                "direction": direction[(a, b, rel)],
                "depth": step[(a, b, rel)],
            }
            for (a, b, rel), n in sorted(edges.items(), key=lambda kv: (step[kv[0]], kv[0]))
        ],
    }
