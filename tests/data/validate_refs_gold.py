#!/usr/bin/env python3
"""Validate tests/data/refs_gold.jsonl (the hand-annotated legal-reference gold set).

Pure Python, no project imports. Usage:

    python tests/data/validate_refs_gold.py [path/to/refs_gold.jsonl]

Checks every line: valid JSON object, required keys, unique ids, one-line text,
``text[start:end] == ref.text``, relation in the vocabulary, well-formed unit eids,
normalised document ids, date formats, non-overlapping refs, facts, and that
``no_reference`` is used exactly for passages without refs. Prints counts per relation and
per category and exits 1 on any error.
"""

from __future__ import annotations

import collections
import itertools
import json
import re
import sys
import unicodedata
from pathlib import Path

RELATIONS = {
    "legal_basis",
    "cites",
    "amends",
    "supplements",
    "repeals",
    "replaces",
    "guides",
    "suspends",
    "corrects",
    "consolidates",
}
FACT_KINDS = {"effective_from", "expires", "suspended", "continues_in_force"}
PASSAGE_KEYS = {
    "id",
    "source",
    "doc_id",
    "doc_type",
    "context",
    "text",
    "refs",
    "facts",
    "categories",
    "note",
}
TARGET_KEYS = {"doc", "type", "title", "date", "units", "self"}

ROMAN = r"[IVXLC]+"
POINT = r"(?:dd|[abcdeghiklmnopqrstuvxy])\d*"  # đ written dd; inserted points a1, đ1
ARTICLE_PATH = rf"dieu_\d+[a-z]?(?:__khoan_\d+[a-z]?(?:__diem_{POINT})?)?"
ABOVE = rf"(?:phan_\w+|chuong_(?:{ROMAN}|\d+)(?:__muc_\d+(?:__tieu_muc_\d+)?)?|muc_\d+|tieu_muc_\d+)"
ANNEX = rf"phu_luc(?:_(?:{ROMAN}|\d+[a-z]?))?"
EID_RE = re.compile(rf"^(?:{ARTICLE_PATH}|{ABOVE}|{ANNEX})$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
FACT_DATE_RE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|signing|adoption)$")
# number/year/symbol, number/symbol (no year), old hyphen style; serial may be dotted (66.7)
DOC_RE = re.compile(
    r"^\d+(?:\.\d+)?(?:/\d{4})?/[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+|-TTg)*$"
    r"|^\d+(?:\.\d+)?/\d{4}/(?:QĐ|CT)-TTg$"
    r"|^\d+-[A-ZĐ]+(?:/[A-ZĐ0-9]+)?$"
)
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def check_doc_id(value, where, errors, allow_null=True):
    if value is None:
        if not allow_null:
            errors.append(f"{where}: doc id is null")
        return
    if not isinstance(value, str) or not value:
        errors.append(f"{where}: doc id must be a non-empty string")
        return
    if unicodedata.normalize("NFC", value) != value:
        errors.append(f"{where}: doc id {value!r} is not NFC")
    if "\u00d0" in value or CYRILLIC.search(value) or re.search(r"\s", value):
        errors.append(f"{where}: doc id {value!r} has Ð/Cyrillic/space")
    if not DOC_RE.match(value):
        errors.append(f"{where}: doc id {value!r} is not a normalised number")


def main(path: Path) -> int:
    errors: list[str] = []
    ids: set[str] = set()
    rel_counts: collections.Counter = collections.Counter()
    cat_counts: collections.Counter = collections.Counter()
    n_passages = n_refs = 0
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"line {lineno}"
        if not line.strip():
            errors.append(f"{where}: empty line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(rec, dict):
            errors.append(f"{where}: not an object")
            continue
        n_passages += 1
        missing = PASSAGE_KEYS - rec.keys()
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
            continue
        pid = rec["id"]
        where = f"line {lineno} ({pid})"
        if pid in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(pid)
        text = rec["text"]
        if not isinstance(text, str) or not text or "\n" in text:
            errors.append(f"{where}: text must be a non-empty single line")
            continue
        check_doc_id(rec["doc_id"], where + " doc_id", errors, allow_null=False)
        if not isinstance(rec["doc_type"], str) or not rec["doc_type"]:
            errors.append(f"{where}: doc_type missing")
        if not isinstance(rec["context"], dict):
            errors.append(f"{where}: context must be an object")
        elif rec["context"].get("amended_doc") is not None:
            check_doc_id(rec["context"]["amended_doc"], where + " context.amended_doc", errors)
        unit = rec.get("unit")
        if unit is not None and not EID_RE.match(unit):
            errors.append(f"{where}: bad passage unit eid {unit!r}")
        if unit is not None and not pid.endswith("-" + unit):
            errors.append(f"{where}: id does not end with its unit eid {unit!r}")
        cats = rec["categories"]
        if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
            errors.append(f"{where}: categories must be a list of strings")
            cats = []
        cat_counts.update(set(cats))
        refs = rec["refs"]
        if not isinstance(refs, list):
            errors.append(f"{where}: refs must be a list")
            continue
        if ("no_reference" in cats) != (len(refs) == 0):
            errors.append(f"{where}: 'no_reference' must be set exactly when refs is empty")
        spans = []
        for k, ref in enumerate(refs):
            rw = f"{where} ref {k}"
            n_refs += 1
            for key in ("text", "start", "end", "relation", "target"):
                if key not in ref:
                    errors.append(f"{rw}: missing {key}")
                    break
            else:
                s, e = ref["start"], ref["end"]
                if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                    errors.append(f"{rw}: bad offsets {s}..{e}")
                elif text[s:e] != ref["text"]:
                    errors.append(f"{rw}: text[{s}:{e}]={text[s:e]!r} != {ref['text']!r}")
                spans.append((s, e))
                if ref["relation"] not in RELATIONS:
                    errors.append(f"{rw}: relation {ref['relation']!r} not in vocabulary")
                rel_counts[ref["relation"]] += 1
                tgt = ref["target"]
                if not isinstance(tgt, dict) or TARGET_KEYS - tgt.keys():
                    errors.append(f"{rw}: target must have keys {sorted(TARGET_KEYS)}")
                    continue
                check_doc_id(tgt["doc"], rw + " target.doc", errors)
                if tgt["doc"] is None and not tgt.get("title"):
                    errors.append(f"{rw}: a target without number needs a title")
                if tgt["date"] is not None and not DATE_RE.match(str(tgt["date"])):
                    errors.append(f"{rw}: bad date {tgt['date']!r}")
                if not isinstance(tgt["self"], bool):
                    errors.append(f"{rw}: self must be boolean")
                elif tgt["self"] and tgt["doc"] is None:
                    errors.append(f"{rw}: a self reference needs a doc")
                if not isinstance(tgt["units"], list):
                    errors.append(f"{rw}: units must be a list")
                else:
                    for u in tgt["units"]:
                        if not isinstance(u, str) or not EID_RE.match(u):
                            errors.append(f"{rw}: bad unit eid {u!r}")
                    if len(set(tgt["units"])) != len(tgt["units"]):
                        errors.append(f"{rw}: duplicate units")
        spans.sort()
        for (s1, e1), (s2, e2) in itertools.pairwise(spans):
            if s2 < e1:
                errors.append(f"{where}: overlapping refs {s1}..{e1} and {s2}..{e2}")
        facts = rec["facts"]
        if not isinstance(facts, list):
            errors.append(f"{where}: facts must be a list")
            continue
        for k, fact in enumerate(facts):
            fw = f"{where} fact {k}"
            if fact.get("kind") not in FACT_KINDS:
                errors.append(f"{fw}: kind {fact.get('kind')!r} not allowed")
            if not FACT_DATE_RE.match(str(fact.get("date"))):
                errors.append(f"{fw}: bad date {fact.get('date')!r}")
            for u in fact.get("units", []):
                if not EID_RE.match(u):
                    errors.append(f"{fw}: bad unit eid {u!r}")
            if "target_doc" in fact:
                check_doc_id(fact["target_doc"], fw + " target_doc", errors, allow_null=False)
            elif fact.get("kind") in ("expires", "suspended", "continues_in_force"):
                errors.append(f"{fw}: {fact.get('kind')} needs target_doc")
    print(f"{path}: {n_passages} passages, {n_refs} refs")
    print("relations:")
    for rel in sorted(RELATIONS, key=lambda r: -rel_counts[r]):
        print(f"  {rel:13s} {rel_counts[rel]}")
    print("categories (passages):")
    for cat, n in sorted(cat_counts.items(), key=lambda x: (-x[1], x[0])):
        print(f"  {cat:26s} {n}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for err in errors:
            print("  " + err)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    default = Path(__file__).with_name("refs_gold.jsonl")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
