"""The reviewer's web app (`review serve`): server-rendered pages in Vietnamese, each with a JSON twin.

Pages: Tìm kiếm (search, also at /), Văn bản (a document: status on a date, the unit tree with its references as
links, amendment marks, findings), Lược đồ (the document's relation diagram and the same data as a table), Rà soát
(findings with accept / reject / note). ``Accept: application/json`` or a ``.json`` suffix gives the data
(docs/CONTRACT.md shapes).

It uses only the public API (``review.open_corpus`` and the Corpus methods). Safety: document text is always
escaped (Jinja2 autoescape; nothing from a document is marked safe), static files come only from the package's
static folder, decisions are POSTs with a CSRF token, writes need the start-up token when the app is bound to a
non-loopback address, and expensive queries run under a time limit.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import hmac
import ipaddress
import secrets
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import quote

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, session, url_for

from review import defaults
from review.errors import ReviewError
from review.models import unit_citation
from review.vocab import Action, FindingKind, Relation, Severity, StatusValue, UnitKind

QUERY_SECONDS = 20.0  # an expensive query (search, findings) gives up after this and says so
PER_PAGE = 20
# Labels as the pages show them: Vietnamese first, capitalised, the English term beside (review.models holds the
# Vietnamese words for every rendering).
STATUS_LABELS = {s.value: (s.vi, s.value.replace("_", " ")) for s in StatusValue}
RELATION_LABELS = {r.value: (r.vi.capitalize(), r.value.replace("_", " ")) for r in Relation}
KIND_LABELS = {k.value: k.vi.capitalize() for k in FindingKind}
SEVERITY_LABELS = {s.value: s.vi.capitalize() for s in Severity}
ACTION_LABELS = {a.value: a.vi.capitalize() for a in Action}
HISTORY_LABELS = {
    "unit_repealed": "bị bãi bỏ",
    "unit_amended": "được sửa đổi",
    "amended": "được sửa đổi",
    "replaced": "bị thay thế",
    "repealed": "bị bãi bỏ",
    "suspended": "bị ngưng hiệu lực",
    "expiry_clause": "hết thời hạn",
}


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("localhost",)


def create_app(
    corpus: str | Path = defaults.CORPUS_DIR, *, host: str = "127.0.0.1", token: str | None = None
):
    """The Flask app over a built corpus. ``token`` is required for writes when ``host`` is not loopback."""
    from review import open_corpus

    app = Flask(__name__)
    app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.json.ensure_ascii = False  # CONTRACT.md: real Vietnamese characters in JSON, not \u escapes
    app.json.sort_keys = False
    app.config["CORPUS"] = str(corpus)
    app.config["WRITE_TOKEN"] = token if not _is_loopback(host) else None
    if not _is_loopback(host) and not token:
        raise ReviewError("a token is needed to bind the web app outside 127.0.0.1", hint="give --token")
    app.jinja_env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        RELATION_LABELS=RELATION_LABELS,
        KIND_LABELS=KIND_LABELS,
        SEVERITY_LABELS=SEVERITY_LABELS,
        ACTION_LABELS=ACTION_LABELS,
        HISTORY_LABELS=HISTORY_LABELS,
        doc_url=lambda d, eid=None, **kw: _doc_url(d, eid, **kw),
        unit_label=_unit_label,
    )
    app.jinja_env.filters["snippet"] = _snippet_html
    app.jinja_env.filters["unit_vi"] = _unit_vi
    c = open_corpus(corpus)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    cache: dict[tuple, object] = {}

    def bounded(key, fn):
        """Cached and time-limited: one worker, so the store's connection is used by one thread at a time."""
        if key in cache:
            return cache[key]
        try:
            # The worker looks again: a warm-up job queued before this one may have filled the cache meanwhile.
            value = pool.submit(lambda: cache[key] if key in cache else fn()).result(timeout=QUERY_SECONDS)
        except concurrent.futures.TimeoutError:
            abort(503, description="Truy vấn quá lâu (the query took too long); thu hẹp điều kiện tìm kiếm.")
        if key is not None:
            cache[key] = value
        return value

    def csrf_token() -> str:
        return hmac.new(app.config["SECRET_KEY"].encode(), b"csrf", hashlib.sha256).hexdigest()

    app.jinja_env.globals["csrf_token"] = csrf_token

    def wants_json(suffix: bool) -> bool:
        return suffix or request.accept_mimetypes.best == "application/json"

    def at_param() -> str:
        value = request.args.get("at") or date.today().isoformat()
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            abort(400, description=f"Ngày không hợp lệ (invalid date): {value!r}; dùng YYYY-MM-DD.")

    @app.before_request
    def remember_token():
        given = request.args.get("token")
        wanted = app.config["WRITE_TOKEN"]
        if given and wanted and hmac.compare_digest(given, wanted):
            session["writer"] = True

    @app.errorhandler(ReviewError)
    def review_error(exc: ReviewError):
        return _error(str(exc), 400)

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(503)
    def http_error(exc):
        return _error(exc.description, exc.code)

    def _error(message: str, code: int):
        if request.path.endswith(".json") or request.accept_mimetypes.best == "application/json":
            return jsonify({"error": message, "status": code}), code
        return render_template("error.html", message=message, code=code), code

    # --- Tìm kiếm ---------------------------------------------------------------------------------------------

    @app.get("/search.json", endpoint="search_json")
    @app.get("/")
    @app.get("/search")
    def search_page():
        q = (request.args.get("q") or "").strip()
        filters = {k: request.args.get(k) or None for k in ("type", "issuer", "in_force_on")}
        year = request.args.get("year")
        try:
            page = max(1, int(request.args.get("page") or 1))
            year_value = int(year) if year else None
        except ValueError:
            abort(400, description="Trang hoặc năm không hợp lệ (page and year are numbers).")
        results = None
        if q:
            key = ("search", q, tuple(sorted(filters.items())), year_value, page)
            results = bounded(
                key, lambda: c.search(q, year=year_value, page=page, per_page=PER_PAGE, **filters)
            )
        if wants_json(request.path.endswith(".json")):
            return jsonify([h.to_dict() for h in results.hits] if results else [])
        return render_template(
            "search.html", q=q, results=results, filters=filters, year=year, page=page, per_page=PER_PAGE
        )

    # --- Văn bản and Lược đồ ----------------------------------------------------------------------------------

    @app.get("/doc/<path:doc_path>")
    def doc_page(doc_path: str):
        suffix = doc_path.endswith(".json")
        doc_path = doc_path.removesuffix(".json")
        if doc_path.endswith("/graph"):
            return graph_page(doc_path.removesuffix("/graph"), suffix)
        at = at_param()
        try:
            # Every use of the store goes through the one worker thread (one SQLite connection).
            doc, status, refs, history = bounded(
                None,
                lambda: (
                    c.document(doc_path),
                    c.status(doc_path, at),
                    c.references(doc_path),
                    c.history(doc_path),
                ),
            )
        except ReviewError:
            abort(404, description=f"Không có văn bản {doc_path!r} trong kho (no such document).")
        findings = bounded(("findings", at), lambda: c.findings(at))
        mine = [f for f in findings if f.doc == doc.id]
        if wants_json(suffix):
            return jsonify(
                {
                    "document": doc.to_dict(),
                    "status": status.to_dict(),
                    "references": [r.to_dict() for r in refs],
                    "history": [h.to_dict() for h in history],
                    "findings": [f.to_dict() for f in mine],
                }
            )
        by_unit: dict[str, list] = {}
        for r in refs:
            if r.part == "text" and r.unit:
                by_unit.setdefault(r.unit, []).append(r)
        marks: dict[str, list] = {}
        for h in history:
            eid = h.node.partition("#")[2]
            if eid:
                marks.setdefault(eid, []).append(h)
        findings_by_unit: dict[str, list] = {}
        for f in mine:
            findings_by_unit.setdefault(f.unit or "", []).append(f)
        return render_template(
            "doc.html",
            doc=doc,
            at=at,
            status=status,
            segments=lambda unit: _segments(unit.text, by_unit.get(unit.eid, [])),
            marks=marks,
            findings=mine,
            findings_by_unit=findings_by_unit,
            preamble_refs=[r for r in refs if r.unit == "preamble"],
        )

    def graph_page(doc_id: str, as_json: bool):
        at = at_param()
        if not bounded(None, lambda: doc_id in c.graph_view.timelines.docs):
            abort(404, description=f"Không có văn bản {doc_id!r} (no such document).")
        data = bounded(("graph", doc_id, at), lambda: _neighbourhood(c, doc_id, at))
        if wants_json(as_json):
            return jsonify(data)
        return render_template("graph.html", doc_id=doc_id, data=data, at=at)

    # --- Rà soát ----------------------------------------------------------------------------------------------

    @app.get("/findings.json", endpoint="findings_json")
    @app.get("/findings")
    def findings_page():
        at = at_param()
        found = bounded(("findings", at), lambda: c.findings(at))
        kind, code, doc, severity = (request.args.get(k) or None for k in ("kind", "code", "doc", "severity"))
        shown = [
            f
            for f in found
            if (not kind or f.kind == kind)
            and (not code or f.code == code)
            and (not doc or f.doc == doc)
            and (not severity or f.severity == severity)
        ]
        if wants_json(request.path.endswith(".json")):
            return jsonify([f.to_dict() for f in shown])
        try:
            page = max(1, int(request.args.get("page") or 1))
        except ValueError:
            page = 1
        codes = sorted({f.code for f in found})
        return render_template(
            "findings.html",
            at=at,
            findings=shown[(page - 1) * PER_PAGE : page * PER_PAGE],
            total=len(shown),
            page=page,
            per_page=PER_PAGE,
            codes=codes,
            filters={"kind": kind, "code": code, "doc": doc, "severity": severity},
            can_write=_can_write(),
        )

    def _can_write() -> bool:
        return app.config["WRITE_TOKEN"] is None or bool(session.get("writer"))

    @app.post("/findings/<finding_id>/decision")
    def decision(finding_id: str):
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
        if not hmac.compare_digest(sent, csrf_token()):
            abort(403, description="Thiếu hoặc sai mã CSRF (missing or wrong CSRF token).")
        if not _can_write():
            abort(
                403, description="Cần mã truy cập để ghi (a write token is required): mở trang với ?token=…."
            )
        choice = request.form.get("decision") or None
        note = (request.form.get("note") or "").strip() or None
        if choice not in (None, "accept", "reject") or (choice is None and note is None):
            abort(400, description="decision phải là accept hoặc reject (or give a note).")
        at = request.form.get("at") or at_param()
        f = bounded(None, lambda: c.decide(finding_id, choice, note, at))
        cache.clear()  # decisions show in every cached list
        if request.accept_mimetypes.best == "application/json":
            return jsonify({"id": f.id, "decision": choice, "note": note})
        back = request.form.get("next") or url_for("findings_page", at=at)
        if not back.startswith("/") or back.startswith("//"):
            back = url_for("findings_page")
        return redirect(back + f"#f-{f.id}")

    @app.get("/findings/report.<fmt>")
    def report_download(fmt: str):
        if fmt not in ("html", "xlsx"):
            abort(404)
        at = at_param()
        folder = Path(app.config["CORPUS"]) / "report"
        paths = bounded(None, lambda: c.report(folder, at))
        data = Path(paths[fmt]).read_bytes()
        mime = (
            "text/html"
            if fmt == "html"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        return Response(
            data,
            mimetype=mime,
            headers={"Content-Disposition": f"attachment; filename=bao-cao-ra-soat.{fmt}"},
        )

    @app.after_request
    def headers(resp: Response):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        if resp.mimetype == "text/html":
            resp.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'",
            )
        return resp

    # Warm up: today's findings are what the first visitor of Rà soát or of a document page waits for.
    today = date.today().isoformat()
    pool.submit(lambda: cache.setdefault(("findings", today), c.findings(today)))
    app.extensions["review_corpus"] = c
    return app


def _doc_url(doc: str, eid: str | None = None, suffix: str = "", **params) -> str:
    """The page of a document (``suffix`` "/graph" or ".json"), at a unit's anchor."""
    url = "/doc/" + quote(doc, safe="") + suffix
    query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items() if v)
    return url + (f"?{query}" if query else "") + (f"#{eid}" if eid else "")


def _snippet_html(snippet: str):
    """A search snippet (escaped words and <b> marks, from review.search) as safe HTML: the words are unescaped
    and escaped again here, so only the marks this function writes are HTML."""
    import html

    from markupsafe import Markup, escape

    plain = html.unescape(snippet.replace("<b>", "\x01").replace("</b>", "\x02"))
    return Markup(str(escape(plain)).replace("\x01", "<mark>").replace("\x02", "</mark>"))


def _unit_vi(eid: str | None) -> str:
    """How a reader cites the unit; the preamble (where the căn cứ are) by its name."""
    return "phần căn cứ" if eid == "preamble" else unit_citation(eid)


def _unit_label(unit) -> str:
    if unit.kind == "khoan":
        return f"{unit.num}."
    if unit.kind == "diem":
        return f"{unit.num})"
    return (
        f"{UnitKind(unit.kind).vi if unit.kind in list(UnitKind) else unit.kind} {unit.num or ''}".strip()
        + "."
    )


def _segments(text: str, refs: list) -> list[tuple[str, object]]:
    """The unit's text cut at its references: (words, reference or None), for the template to escape and link."""
    out, pos = [], 0
    for r in sorted(refs, key=lambda r: (r.start, -r.end)):
        if r.start < pos or r.end > len(text):
            continue
        out.append((text[pos : r.start], None))
        out.append((text[r.start : r.end], r))
        pos = r.end
    out.append((text[pos:], None))
    return out


def _neighbourhood(c, doc_id: str, at: str) -> dict:
    """Documents one step around ``doc_id`` (what it rests on, what rests on it), one edge per (pair,
    relation) with a count, each node with its computed status on ``at``."""
    edges = Counter((doc_id, link.target.partition("#")[0], link.relation) for link in c.deps(doc_id, 1))
    edges.update((link.source.partition("#")[0], doc_id, link.relation) for link in c.impact(doc_id, 1))
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
        nodes[doc_id] = {"id": doc_id, "title": g.nodes[doc_id].get("title") if doc_id in g else None,
                         "type": None, "in_corpus": True, "status": c.status(doc_id, at).status, "center": True}  # fmt: skip
    return {
        "center": doc_id,
        "at": at,
        "nodes": sorted(nodes.values(), key=lambda n: (not n["center"], n["id"])),
        "edges": [
            {
                "source": a,
                "target": b,
                "relation": rel,
                "count": n,
                "direction": "out" if a == doc_id else "in",
            }
            for (a, b, rel), n in sorted(edges.items())
        ],
    }


def serve(corpus: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    app = create_app(corpus, host=host, token=token)
    app.run(host=host, port=port, threaded=False, use_reloader=False)


__all__ = ["create_app", "serve"]
