"""What the templates print: labels from review.vocab as the pages show them, links to documents, citations of
units, and search snippets as safe HTML."""

from __future__ import annotations

import html
from urllib.parse import quote

from markupsafe import Markup, escape

from review.dates import vi_date
from review.models import unit_citation
from review.text.display import for_reader
from review.vocab import Action, Decision, FindingKind, Relation, Severity, StatusValue, UnitKind, vocabulary

# Vietnamese first, capitalised, the English term beside.
STATUS_LABELS = {s.value: (s.vi, s.value.replace("_", " ")) for s in StatusValue}
RELATION_LABELS = {r.value: (r.vi.capitalize(), r.value.replace("_", " ")) for r in Relation} | {
    # Evidence also names events that are not relations between documents (merged_into, renamed, lexicon).
    kind: (str(entry["vi"]).capitalize(), str(entry["en"]))
    for kind, entry in vocabulary()["event_kinds"].items()
    if kind not in set(Relation)
}
# Why a status is what it is (a Reason's kind: effective, amended, unit_repealed …), from the vocabulary.
EVENT_LABELS = {
    kind: (str(entry["vi"]).capitalize(), str(entry["en"]))
    for kind, entry in vocabulary()["event_kinds"].items()
}
KIND_LABELS = {k.value: k.vi.capitalize() for k in FindingKind}
SEVERITY_LABELS = {s.value: s.vi.capitalize() for s in Severity}
ACTION_LABELS = {a.value: a.vi.capitalize() for a in Action}
DECISION_LABELS = {d.value: d.vi for d in Decision}


def vi_datetime(value: str | None) -> str:
    """A stored ISO timestamp (UTC) as Vietnamese readers write it: dd/mm/yyyy HH:MM UTC."""
    if not value:
        return ""
    text = str(value)
    date_part, _, time_part = text.partition("T")
    return f"{vi_date(date_part)} {time_part[:5]} UTC" if time_part else vi_date(date_part)


# The kinds of a history entry (review.graph.queries) as the amendment marks on a unit say them; the vocabulary
# has no table of these kinds yet.
HISTORY_LABELS = {
    "unit_repealed": "bị bãi bỏ",
    "unit_amended": "được sửa đổi",
    "amended": "được sửa đổi",
    "replaced": "bị thay thế",
    "repealed": "bị bãi bỏ",
    "suspended": "bị ngưng hiệu lực",
    "expiry_clause": "hết thời hạn",
}

# A unit's state in the text on a date (review.graph.consolidate.UnitAt): Vietnamese, English.
UNIT_STATE_LABELS = {
    "unchanged": ("Giữ nguyên", "unchanged"),
    "amended": ("Được sửa đổi", "amended"),
    "repealed": ("Đã bãi bỏ", "repealed"),
    "unknown": ("Được sửa đổi, chưa có nội dung mới", "amended, new wording not in the store"),
    "covered": ("Thuộc phần đã được thay thế", "part of a unit replaced or repealed as a whole"),
    "inserted": ("Được bổ sung", "inserted"),
    "unplaced": ("Thay đổi chưa hiển thị được", "an act on a unit the text does not have"),
}
# What an amending act did to the text (review.graph.consolidate.Operation.kind).
OPERATION_LABELS = {
    "replace_unit": ("Sửa đổi toàn bộ nội dung", "unit replaced"),
    "insert_unit": ("Bổ sung", "unit inserted"),
    "replace_phrase": ("Thay thế cụm từ", "phrase replaced"),
    "remove_phrase": ("Bỏ cụm từ", "phrase removed"),
    "repeal_unit": ("Bãi bỏ", "repealed"),
    "unreadable": ("Chưa đọc được nội dung sửa đổi", "new wording not read"),
}


def doc_url(doc: str, eid: str | None = None, suffix: str = "", **params) -> str:
    """The page of a document (``suffix`` "/graph" or ".json"), at a unit's anchor."""
    url = "/doc/" + quote(doc, safe="") + suffix
    query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items() if v)
    return url + (f"?{query}" if query else "") + (f"#{eid}" if eid else "")


def snippet_html(snippet: str) -> Markup:
    """A search snippet (escaped words and <b> marks, from review.search) as safe HTML: the words are unescaped
    and escaped again here, so only the marks this function writes are HTML."""
    plain = html.unescape(snippet.replace("<b>", "\x01").replace("</b>", "\x02"))
    return Markup(str(escape(plain)).replace("\x01", "<mark>").replace("\x02", "</mark>"))


def unit_vi(eid: str | None) -> str:
    """How a reader cites the unit; the preamble (where the căn cứ are) by its name."""
    return "phần căn cứ" if eid == "preamble" else unit_citation(eid)


def unit_label(unit) -> str:
    """The head of a unit in the document's tree: "1." for a clause, "a)" for a point, "Điều 5." above."""
    if unit.kind == "khoan":
        return f"{unit.num}."
    if unit.kind == "diem":
        return f"{unit.num})"
    return (
        f"{UnitKind(unit.kind).vi if unit.kind in list(UnitKind) else unit.kind} {unit.num or ''}".strip()
        + "."
    )


def install(app) -> None:
    app.jinja_env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        RELATION_LABELS=RELATION_LABELS,
        KIND_LABELS=KIND_LABELS,
        SEVERITY_LABELS=SEVERITY_LABELS,
        ACTION_LABELS=ACTION_LABELS,
        DECISION_LABELS=DECISION_LABELS,
        HISTORY_LABELS=HISTORY_LABELS,
        UNIT_STATE_LABELS=UNIT_STATE_LABELS,
        EVENT_LABELS=EVENT_LABELS,
        OPERATION_LABELS=OPERATION_LABELS,
        doc_url=doc_url,
        unit_label=unit_label,
    )
    app.jinja_env.filters["snippet"] = snippet_html
    app.jinja_env.filters["unit_vi"] = unit_vi
    app.jinja_env.filters["reader"] = for_reader
    app.jinja_env.filters["vi_date"] = vi_date
    app.jinja_env.filters["vi_datetime"] = vi_datetime
