"""Reference extraction measured honestly (`make eval`).

1. The gold set in two parts, dev (tests/data/refs_gold.jsonl, read while fixing rules) and held out
   (tests/data/refs_gold_heldout.jsonl, never read while fixing rules: only its aggregate figures are printed):
   precision and recall at document level (passage, target document) and unit level (passage, target document,
   unit — a whole-document reference counts as the unit ""), relation accuracy on matched targets (lenient: the
   found relations share one with the gold; strict: the set of relations is exactly the gold's), per relation,
   per error class of issue 14 (a row's `classes`, else the class tags among its `categories`); the erroneous
   dev passages are listed.
2. The Bộ pháp điển source notes in ../shared: each article's note names its source ("Điều 5 Luật số
   28/2001/QH10 …"); the compilation's own link gives the vbpl item and anchor ("Chuong_I_Dieu_5"). Agreement of
   our parsed source article with the anchor, and of our document number with the registry's number for that
   item.
3. The VLegal-Bench amendment triples in ../shared: relation and target units of the amending clause.

Run: python -m benchmarks.refs_eval [--json out.json] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.shared import SHARED, require

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "refs_gold.jsonl"
# Held out: never read by hand while fixing rules; only its aggregate figures are printed, never its rows.
HELD_OUT = ROOT / "tests" / "data" / "refs_gold_heldout.jsonl"


# The error classes of issue 14 (a row's optional `classes` list names them; older rows carry them among their
# `categories`).
ERROR_CLASSES = (
    "annex_list",
    "generic_amending_law",
    "repeal_exception",
    "interleaved_units",
    "nfd",
    "glued_tokens",
    "amending_title",
    "relation_list",
    "phrase_replacement",
    "guides_mentioned",
    "own_heading",
    "all_caps_name",
    "treaty",
)

Key = tuple[str, str, str]


def _pairs(passage_id: str, refs: list[dict]) -> tuple[set, set, dict[Key, set[str]]]:
    """Document keys, unit keys (a whole-document reference is the unit ""), and the relations on each unit key."""
    docs: set = set()
    units: set = set()
    relations: dict[Key, set[str]] = defaultdict(set)
    for r in refs:
        t = r["target"]
        doc = t.get("doc") or f"?{t.get('title')}|{t.get('date')}"
        docs.add((passage_id, doc))
        for u in t.get("units") or [""]:
            key = (passage_id, doc, u)
            units.add(key)
            relations[key].add(r["relation"])
    return docs, units, dict(relations)


def _prf(gold: set, got: set) -> dict:
    tp = len(gold & got)
    p = tp / len(got) if got else 1.0
    r = tp / len(gold) if gold else 1.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "gold": len(gold),
        "found": len(got),
        "true_positives": tp,
    }


def gold_context(p: dict):
    """What the corpus annotator knows of a passage from its document's structure, as the gold set records it:
    the unit it is in, the amended document and article, the lead-in line of a list item, quoted new text."""
    from review.annotate.resolve import Context

    ctx = p.get("context") or {}
    unit = p["id"].rsplit("-", 1)[-1] if re.search(r"-(dieu|khoan|diem|chuong|phu_luc)", p["id"]) else None
    new_unit = (ctx.get("new_text_unit") or "").split(" of ")[0] or None
    return Context(
        doc_id=p.get("doc_id"),
        doc_type=p.get("doc_type"),
        unit=unit,
        amended_doc=ctx.get("amended_doc"),
        amended_unit=ctx.get("amended_article"),
        lead_in=ctx.get("lead_in"),
        in_new_text=bool(ctx.get("quoted_new_text")),
        new_text_unit=new_unit,
        preamble=unit is None,
    )


def _classes_of(p: dict) -> list[str]:
    if p.get("classes"):
        return list(p["classes"])
    return [c for c in p.get("categories") or [] if c in ERROR_CLASSES]


class _Tally:
    """Gold and found keys of a set of passages, and the figures computed from them."""

    def __init__(self) -> None:
        self.g_docs: set = set()
        self.f_docs: set = set()
        self.g_units: set = set()
        self.f_units: set = set()
        self.g_rel: dict[Key, set[str]] = {}
        self.f_rel: dict[Key, set[str]] = {}
        self.passages = 0

    def add(self, gd: set, gu: set, gr: dict, fd: set, fu: set, fr: dict) -> None:
        self.passages += 1
        self.g_docs |= gd
        self.f_docs |= fd
        self.g_units |= gu
        self.f_units |= fu
        self.g_rel.update(gr)
        self.f_rel.update(fr)

    def relation_figures(self) -> dict:
        matched = self.g_units & self.f_units
        lenient = sum(1 for k in matched if self.g_rel[k] & self.f_rel[k])
        strict = sum(1 for k in matched if self.g_rel[k] == self.f_rel[k])
        return {
            "relation_accuracy": round(lenient / len(matched), 4) if matched else None,
            "relation_accuracy_strict": round(strict / len(matched), 4) if matched else None,
        }

    def figures(self) -> dict:
        return {
            "passages": self.passages,
            "document_level": _prf(self.g_docs, self.f_docs),
            "unit_level": _prf(self.g_units, self.f_units),
            **self.relation_figures(),
        }

    def by_relation(self) -> dict:
        """Per relation: P/R of (passage, doc, unit, relation) and, on matched targets whose gold set holds the
        relation, how often the found set holds it too."""
        g = {(*k, r) for k, rs in self.g_rel.items() for r in rs}
        f = {(*k, r) for k, rs in self.f_rel.items() for r in rs}
        matched = self.g_units & self.f_units
        out = {}
        for rel in sorted({t[3] for t in g | f}):
            keys = [k for k in matched if rel in self.g_rel[k]]
            ok = sum(1 for k in keys if rel in self.f_rel[k])
            out[rel] = {
                **_prf({t for t in g if t[3] == rel}, {t for t in f if t[3] == rel}),
                "matched_targets": len(keys),
                "accuracy": round(ok / len(keys), 4) if keys else None,
            }
        return out


def evaluate_gold(path: Path, errors: int) -> dict | None:
    """Figures on one gold file; ``errors`` erroneous passages are listed (0 for a held-out part)."""
    if not path.exists():
        print(f"skipped: {path} is not there yet", file=sys.stderr)
        return None
    from review.annotate import references_in

    total = _Tally()
    by_category: dict[str, _Tally] = defaultdict(_Tally)
    by_class: dict[str, _Tally] = defaultdict(_Tally)
    error_kinds: Counter = Counter()
    examples: list[dict] = []
    passages = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    for p in passages:
        found = [r.to_dict() for r in references_in(p["text"], gold_context(p))]
        gd, gu, gr = _pairs(p["id"], p["refs"])
        fd, fu, fr = _pairs(p["id"], found)
        total.add(gd, gu, gr, fd, fu, fr)
        for cat in p.get("categories") or ["(none)"]:
            by_category[cat].add(gd, gu, gr, fd, fu, fr)
        for cls in _classes_of(p):
            by_class[cls].add(gd, gu, gr, fd, fu, fr)
        missed, extra = gu - fu, fu - gu
        wrong_rel = [k for k in gu & fu if gr[k] != fr[k]]
        for k in missed:
            error_kinds[f"missed:{'+'.join(sorted(gr[k]))}"] += 1
        for k in extra:
            error_kinds[f"spurious:{'+'.join(sorted(fr[k]))}"] += 1
        for k in wrong_rel:
            error_kinds[f"relation:{'+'.join(sorted(gr[k]))}→{'+'.join(sorted(fr[k]))}"] += 1
        if errors and (missed or extra or wrong_rel):
            examples.append(
                {
                    "id": p["id"],
                    "classes": _classes_of(p),
                    "text": p["text"][:220],
                    "missed": sorted(map(str, missed))[:6],
                    "spurious": sorted(map(str, extra))[:6],
                    "wrong_relation": [f"{k}: {sorted(gr[k])}→{sorted(fr[k])}" for k in wrong_rel][:6],
                }
            )
    return {
        **total.figures(),
        "by_relation": total.by_relation(),
        "by_class": {c: by_class[c].figures() for c in sorted(by_class)},
        "unit_level_by_category": {c: _prf(v.g_units, v.f_units) for c, v in sorted(by_category.items())},
        "error_kinds": dict(error_kinds.most_common(15)),
        "examples": examples[:errors] if errors else [],
    }


def _summary_lines(name: str, g: dict) -> list[str]:
    d, u = g["document_level"], g["unit_level"]
    lines = [
        f"{name}: {g['passages']} passages · document P/R {d['precision']:.3f}/{d['recall']:.3f} · "
        f"unit P/R {u['precision']:.3f}/{u['recall']:.3f} · relation {g['relation_accuracy']} "
        f"(strict {g['relation_accuracy_strict']})",
        f"  {'class':<22} {'n':>4} {'unit P':>7} {'unit R':>7} {'strict':>7}",
    ]
    for c, f in g["by_class"].items():
        uu = f["unit_level"]
        lines.append(
            f"  {c:<22} {f['passages']:>4} {uu['precision']:>7.3f} {uu['recall']:>7.3f} "
            f"{f['relation_accuracy_strict'] if f['relation_accuracy_strict'] is not None else '-':>7}"
        )
    lines.append(f"  {'relation':<22} {'gold':>4} {'P':>7} {'R':>7} {'acc':>7}")
    for rel, f in g["by_relation"].items():
        lines.append(
            f"  {rel:<22} {f['gold']:>4} {f['precision']:>7.3f} {f['recall']:>7.3f} "
            f"{f['accuracy'] if f['accuracy'] is not None else '-':>7}"
        )
    return lines


def evaluate_phapdien_notes(limit: int | None) -> dict | None:
    articles = require(SHARED / "phapdien-2023" / "phapdien_article_refs.jsonl")
    registry = require(SHARED / "phapdien-2023" / "phapdien_source_docs.jsonl")
    if articles is None or registry is None:
        return None
    from review.annotate import source_note_references
    from review.text.numbers import number_key

    number_of_item = {}
    for line in registry.open(encoding="utf-8"):
        r = json.loads(line)
        number_of_item[r["vbpl_item_id"]] = r["so_hieu"]
    total = unit_ok = doc_total = doc_ok = amended_notes = amended_found = 0
    misses: list[dict] = []
    for i, line in enumerate(articles.open(encoding="utf-8")):
        if limit and i >= limit:
            break
        a = json.loads(line)
        note = a.get("ghichu")
        anchor = a.get("src_anchor") or ""
        m = re.search(r"Dieu_(\d+[a-z]?)$", anchor)
        if not note or not m:
            continue
        total += 1
        pairs = source_note_references(note)
        source = next((r for role, r in pairs if role == "source"), None)
        if source and f"dieu_{m.group(1).lower()}" in source.target.units:
            unit_ok += 1
        elif len(misses) < 15:
            misses.append(
                {"note": note[:160], "anchor": anchor, "got": source.target.units if source else None}
            )
        item = a.get("src_vbpl_item_id")
        if item and item in number_of_item:
            doc_total += 1
            if (
                source
                and source.target.doc
                and number_key(source.target.doc) == number_key(number_of_item[item])
            ):
                doc_ok += 1
        if re.search(r"được\s+(sửa\s+đổi|bổ\s+sung)|bãi\s+bỏ", note):
            amended_notes += 1
            amended_found += any(role == "amended_by" for role, _ in pairs)
    return {
        "notes_with_anchor": total,
        "source_article_agrees_with_anchor": round(unit_ok / total, 4) if total else None,
        "source_document_agrees_with_registry": round(doc_ok / doc_total, 4) if doc_total else None,
        "notes_with_amendment_wording": amended_notes,
        "amending_document_found": round(amended_found / amended_notes, 4) if amended_notes else None,
        "misses": misses,
    }


_VLEGAL_RELATION = {
    "sửa đổi bổ sung": "amends",
    "sửa đổi": "amends",
    "bổ sung": "supplements",
    "bãi bỏ": "repeals",
    "thay thế": "replaces",
}


def _path_to_eid(path: str) -> tuple[str | None, str | None]:
    """ "Điểm b / Khoản 1 / Điều 29 / Nghị định 07/2017/NĐ-CP" → ("dieu_29__khoan_1__diem_b", "07/2017/NĐ-CP")."""
    from review.text.numbers import NUMBER_RE, normalize_number

    parts = [p.strip() for p in path.split("/ ")]
    doc = None
    m = NUMBER_RE.search(path)
    if m:
        doc = normalize_number(m.group(0))
    segs = {}
    for part in parts:
        mm = re.match(r"(Điểm|Khoản|Điều|Phụ lục|Chương)\s+(\S+)", part.strip())
        if mm:
            segs[mm.group(1)] = mm.group(2)
    from review.annotate.eids import path_to_eid

    path_dict = {}
    if "Điều" in segs:
        path_dict["dieu"] = segs["Điều"].lower()
    if "Khoản" in segs:
        path_dict["khoan"] = segs["Khoản"].lower()
    if "Điểm" in segs:
        path_dict["diem"] = segs["Điểm"].lower()
    if "Phụ lục" in segs and "Điều" not in segs:
        path_dict["phu_luc"] = segs["Phụ lục"].upper()
    return (path_to_eid(path_dict) if path_dict else None), doc


def evaluate_vlegal() -> dict | None:
    path = require(SHARED / "vlegal-bench" / "task_2.3" / "2_3.jsonl")
    if path is None:
        return None
    import ast

    from review.annotate import references_in
    from review.annotate.document import amended_doc_of, amended_unit_of
    from review.annotate.resolve import Context

    triples = relation_ok = unit_ok = unanswerable = 0
    for line in path.open(encoding="utf-8"):
        item = json.loads(line)
        m = re.search(r"có danh sách ngữ cảnh sau\s*(\[.*\])\s*$", item["document"], re.DOTALL)
        if not m:
            continue
        try:
            contexts = ast.literal_eval(m.group(1))
        except (ValueError, SyntaxError):
            continue
        if not contexts:
            continue
        text = contexts[0]
        amended = next((a for a in (amended_doc_of(c) for c in contexts[1:]) if a), None)
        amended_unit = next((u for u in (amended_unit_of(c) for c in contexts[1:]) if u), None)
        found = references_in(text, Context(amended_doc=amended or "?", amended_unit=amended_unit))
        for _source, label, target in item["answer"]:
            relation = _VLEGAL_RELATION.get(label.strip().lower())
            if relation is None:
                continue
            eid, _doc = _path_to_eid(target)
            article = re.search(r"Điều\s+(\d+[a-zđ]?)", target)
            # Many items give only the enclosing article heading as context: a target whose article the
            # context never mentions cannot be found in it, so it is counted apart.
            if (
                not eid
                or not article
                or not re.search(rf"Điều\s+{article.group(1)}(?![\w])", " ".join(contexts))
            ):
                unanswerable += 1
                continue
            triples += 1
            hits = [r for r in found if eid and eid in r.target.units]
            if hits:
                unit_ok += 1
                relation_ok += any(r.relation == relation for r in hits)
    return {
        "triples_outside_their_context": unanswerable,
        "triples": triples,
        "target_unit_found": round(unit_ok / triples, 4) if triples else None,
        "relation_agrees_where_found": round(relation_ok / unit_ok, 4) if unit_ok else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write all figures here")
    ap.add_argument("--errors", type=int, default=25, help="how many erroneous passages to list")
    ap.add_argument("--notes-limit", type=int, default=None, help="only the first N pháp điển notes")
    args = ap.parse_args(argv)
    out = {
        "gold": evaluate_gold(GOLD, args.errors),
        "gold_heldout": evaluate_gold(HELD_OUT, 0),
        "phapdien_source_notes": evaluate_phapdien_notes(args.notes_limit),
        "vlegal_amendment_triples": evaluate_vlegal(),
    }
    summary = json.loads(json.dumps(out))
    for part in ("gold", "gold_heldout"):
        if summary[part]:
            summary[part].pop("examples", None)
            summary[part].pop("unit_level_by_category", None)
    if summary["phapdien_source_notes"]:
        summary["phapdien_source_notes"].pop("misses", None)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    readable = []
    for part, name in (("gold", "dev"), ("gold_heldout", "held-out")):
        if out[part]:
            readable += _summary_lines(name, out[part])
    print("\n".join(readable), file=sys.stderr)
    if out["gold"] and out["gold"]["examples"]:
        print("\nerroneous dev passages:", file=sys.stderr)
        for ex in out["gold"]["examples"]:
            print(json.dumps(ex, ensure_ascii=False), file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
