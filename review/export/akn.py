"""Akoma Ntoso 3.0 (OASIS LegalDocML) of one document: ``<act>`` with FRBR identification, the lifecycle and
the passive modifications the graph knows of, the unit tree as AKN hierarchy elements whose ``eId`` is our unit
id (``dieu_5__khoan_2``), and each reference in a provision's words as ``<ref href=…>``.

Mapping: Phần → ``part``, Chương → ``chapter``, Mục → ``section``, Tiểu mục → ``subsection``, Điều →
``article``, Khoản → ``paragraph``, Điểm → ``point``, Phụ lục → ``hcontainer name="phu_luc"``. Work URIs follow
the AKN naming convention: ``/akn/vn/act/<issue date>/<number as a slug>``, a cited document's the same way. The
XML is written with the standard library (xml.etree); the tests validate it against the official schema."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from review.models import Document, Reason, Reference, Unit
from review.text.fold import fold

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ELEMENT = {"phan": "part", "chuong": "chapter", "muc": "section", "tieu_muc": "subsection", "dieu": "article",
           "khoan": "paragraph", "diem": "point"}  # fmt: skip
MOD_TYPE = {"unit_repealed": "repeal", "repealed": "repeal", "replaced": "substitution",
            "unit_amended": "substitution", "amended": "substitution", "suspended": "substitution"}  # fmt: skip
EVENT_TYPE = {"unit_repealed": "amendment", "unit_amended": "amendment", "amended": "amendment",
              "repealed": "repeal", "replaced": "repeal", "suspended": "amendment"}  # fmt: skip


@dataclass(frozen=True)
class CitedDoc:
    """What the export needs to know of another document: its id and issue date (for its URI)."""

    id: str
    issued: str | None = None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("đ", "d")).strip("-") or "x"


def work_uri(doc_id: str, issued: str | None) -> str:
    number, _, tail = doc_id.partition("@")
    year = issued or (m.group(0) + "-01-01" if (m := re.search(r"(?:19|20)\d\d", number)) else "0001-01-01")
    where = f"vn-{tail.lower()}" if tail and tail != "en" else "vn"
    return f"/akn/{where}/act/{year}/{slug(number)}"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _paragraph(parent: ET.Element, text: str, refs: list[Reference], uri_of) -> None:
    """``text`` as one ``<p>`` with its references as ``<ref>`` (offsets in the unit's text)."""
    _fill(_sub(parent, "p"), text, refs, uri_of)


def _fill(p: ET.Element, text: str, refs: list[Reference], uri_of) -> None:
    cursor, last = 0, None
    for r in sorted(refs, key=lambda r: r.start):
        if r.start < cursor or r.end > len(text) or not r.target.doc:
            continue
        chunk = text[cursor : r.start]
        if last is None:
            p.text = (p.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        href = uri_of(r.target.doc) + (f"/~{r.target.units[0]}" if r.target.units else "")
        last = _sub(p, "ref", text[r.start : r.end], href=href)
        cursor = r.end
    rest = text[cursor:]
    if last is None:
        p.text = (p.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def _unit(parent: ET.Element, u: Unit, refs: Mapping[str, list[Reference]], uri_of) -> None:
    if u.kind == "phu_luc":
        el = _sub(parent, "hcontainer", eId=u.eid, name="phu_luc")
    else:
        el = _sub(parent, ELEMENT.get(u.kind, "hcontainer"), eId=u.eid)
        if el.tag == _q("hcontainer"):
            el.set("name", u.kind)
    if u.num:
        label = {"dieu": f"Điều {u.num}.", "khoan": f"{u.num}.", "diem": f"{u.num})"}.get(u.kind)
        _sub(el, "num", label or f"{u.kind.replace('_', ' ').title()} {u.num}")
    if u.heading:
        _sub(el, "heading", u.heading)
    children = [c for c in u.children if c.kind in ELEMENT or c.kind == "phu_luc"]
    if children:
        if u.text.strip():
            _paragraph(_sub(el, "intro"), u.text, refs.get(u.eid, []), uri_of)
        for c in children:
            _unit(el, c, refs, uri_of)
    else:
        _paragraph(_sub(el, "content"), u.full_text() if u.children else u.text, refs.get(u.eid, []), uri_of)


def to_akn(
    doc: Document,
    references: Iterable[Reference],
    events: Iterable[Reason],
    cited: Mapping[str, CitedDoc],
) -> bytes:
    """The AKN XML of ``doc``. ``events`` are the reasons that act on it or its units (graph timelines: amended,
    ended); ``cited`` gives the issue dates of the documents referred to, for their URIs."""
    ET.register_namespace("", NS)

    def uri_of(doc_id: str) -> str:
        info = cited.get(doc_id)
        return work_uri(doc_id, info.issued if info else None)

    issued = doc.issued or "0001-01-01"
    work = work_uri(doc.id, doc.issued)
    expr, manif = f"{work}/vie@", f"{work}/vie@/!main.xml"
    root = ET.Element(_q("akomaNtoso"))
    act = _sub(root, "act", name=slug(doc.type or "van-ban"))
    meta = _sub(act, "meta")
    ident = _sub(meta, "identification", source="#review")
    for level, this, uri in (("FRBRWork", f"{work}/!main", work), ("FRBRExpression", f"{expr}!main", expr),
                             ("FRBRManifestation", manif, manif)):  # fmt: skip
        frbr = _sub(ident, level)
        _sub(frbr, "FRBRthis", value=this)
        _sub(frbr, "FRBRuri", value=uri)
        _sub(frbr, "FRBRdate", date=issued, name="issued" if level == "FRBRWork" else "export")
        _sub(frbr, "FRBRauthor", href="#issuer" if level == "FRBRWork" else "#review")
        if level == "FRBRWork":
            _sub(frbr, "FRBRcountry", value="vn")
            if doc.number:
                _sub(frbr, "FRBRnumber", value=doc.number)
            if doc.title:
                _sub(frbr, "FRBRname", value=doc.title)
        elif level == "FRBRExpression":
            _sub(frbr, "FRBRlanguage", language="vie")

    acts = sorted({(r.date or issued, r.doc or "", r.kind, r.target or doc.id, r.unit or "") for r in events})
    lifecycle = _sub(meta, "lifecycle", source="#review")
    _sub(lifecycle, "eventRef", eId="e_issued", date=issued, source="#original", type="generation")
    if doc.effective and doc.effective != issued:
        _sub(
            lifecycle,
            "eventRef",
            eId="e_effective",
            date=doc.effective,
            source="#original",
            type="generation",
        )
    acting = sorted({a[1] for a in acts if a[1]})
    ref_id = {d: f"pref_{i}" for i, d in enumerate(acting, start=1)}
    # One event per act (its date, the acting document, amendment or repeal), however many units it touches.
    event_of: dict[tuple[str, str, str], str] = {}
    for day, by, kind, _, _ in acts:
        key = (day, by, EVENT_TYPE.get(kind, "amendment"))
        if by and key not in event_of:
            event_of[key] = f"e_{len(event_of) + 1}"
            _sub(lifecycle, "eventRef", eId=event_of[key], date=day, source=f"#{ref_id[by]}", type=key[2])
    if acts:
        analysis = _sub(meta, "analysis", source="#review")
        mods = _sub(analysis, "passiveModifications")
        for i, (_day, by, kind, target, unit) in enumerate(acts, start=1):
            if not by:
                continue
            mod = _sub(mods, "textualMod", eId=f"pmod_{i}", type=MOD_TYPE.get(kind, "substitution"))
            _sub(mod, "source", href=uri_of(by) + (f"/~{unit}" if unit else ""))
            eid = target.partition("#")[2]
            _sub(mod, "destination", href=f"#{eid}" if eid else work)
    refs_el = _sub(meta, "references", source="#review")
    _sub(refs_el, "original", eId="original", href=expr, showAs=doc.number or doc.id)
    for d in acting:
        _sub(refs_el, "passiveRef", eId=ref_id[d], href=uri_of(d), showAs=d.partition("@")[0])
    _sub(refs_el, "TLCOrganization", eId="issuer", href=f"/ontology/organization/vn/{slug(doc.issuer or 'x')}",
         showAs=doc.issuer or "—")  # fmt: skip
    _sub(refs_el, "TLCOrganization", eId="review", href="/ontology/organization/review", showAs="review")
    by_unit: dict[str, list[Reference]] = {}
    preamble: list[Reference] = []
    title: list[Reference] = []
    for r in references:
        if r.part == "title":
            title.append(r)
        elif r.part == "preamble" or r.unit == "preamble":
            preamble.append(r)
        elif r.unit:
            by_unit.setdefault(r.unit, []).append(r)
    if doc.title:
        _fill(_sub(_sub(_sub(act, "preface"), "p"), "docTitle"), doc.title, title, uri_of)
    if doc.preamble.strip():
        _paragraph(_sub(act, "preamble"), doc.preamble, preamble, uri_of)
    body = _sub(act, "body")
    for u in doc.units:
        _unit(body, u, by_unit, uri_of)
    if not doc.units:
        _sub(_sub(_sub(body, "hcontainer", eId="empty", name="empty"), "content"), "p", doc.body or "")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def akn_of(doc: Document, references: Iterable[Reference], timelines: Any) -> bytes:
    """``to_akn`` with the events and cited documents read from the graph's timelines
    (review.graph.Timelines: ``amended``, ``ends``, ``suspensions``, ``docs``)."""
    events = [
        r
        for table in (timelines.amended, timelines.ends, timelines.suspensions)
        for node, reasons in table.items()
        if node == doc.id or node.startswith(doc.id + "#")
        for r in reasons
    ]
    cited = {d: CitedDoc(d, info.issued) for d, info in timelines.docs.items()}
    return to_akn(doc, references, events, cited)
