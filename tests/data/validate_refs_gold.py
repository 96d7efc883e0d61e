#!/usr/bin/env python3
"""Validate a hand-annotated legal-reference gold file (JSONL), e.g. tests/data/refs_gold.jsonl.

Pure Python, no project imports. Usage:

    python tests/data/validate_refs_gold.py [FILE ...] [--part PART] [--quiet]

With no FILE it checks ``refs_gold.jsonl`` next to this script. Any number of files may be given
(each is checked on its own; ids must be unique within a file). ``--part dev`` additionally requires
every passage to carry ``"part": "dev"``. Exit status 1 on any error in any file.

The checks follow /work/shared/docs/REFERENCE-CONVENTIONS.md and CONTRACT.md:

* every line a JSON object with the passage keys; unique ids; ``part`` a lower-case word;
* ``text`` non-empty (a ``\\n`` kept from a line break of the source is allowed, but not at the ends),
  ``text[start:end] == ref.text`` (offsets are Python indices into the text exactly as given — NFD
  text stays NFD);
* relation in the vocabulary; units well-formed eids (``dieu_5__khoan_2__diem_dd``, ``dieu_45a``,
  ``chuong_IV``, ``chuong_III__muc_1``, ``phu_luc``, ``phu_luc_I``, ``phu_luc_02__muc_43`` …),
  no duplicate units;
* ``target.doc`` normalised (NFC, Đ U+0110, no spaces, no Cyrillic, upper-case symbol except ``TTg``)
  or ``null`` with a ``title`` (names without number, standards such as ``QCVN 01:2021/BXD``);
  ``date`` ``YYYY`` or ``YYYY-MM-DD``;
* self references point to the passage's document, or — inside quoted new text — to
  ``context.amended_doc``; only ``cites`` and ``repeals`` (a sunset clause) may be self;
* spans: several refs may share a span only with different relations (combined verbs
  "Sửa đổi, bổ sung, bãi bỏ …"), a span may contain other spans (numbered laws nested in the title of an
  amending law), but spans must not cross; the same (span, relation, target) twice is an error;
* ``no_reference`` set exactly when ``refs`` is empty; facts well-formed.

Unknown category tags, and non-NFC text without an ``nfd``/``non_nfc`` tag, are reported as
warnings (they do not fail the run). Prints counts per relation, per category and per part.
"""

from __future__ import annotations

import argparse
import collections
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
SELF_RELATIONS = {"cites", "repeals"}
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
    "part",
}
TARGET_KEYS = {"doc", "type", "title", "date", "units", "self"}

# Category tags in use in the project's gold sets (unknown tags only give a warning).
KNOWN_CATEGORIES = {
    # error classes of the REFERENCE-CONVENTIONS review
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
    "local_document",
    # phenomena
    "legal_basis",
    "name_and_date",
    "name_and_number",
    "name_only",
    "amendment_chain",
    "list",
    "range",
    "mixed_enumeration",
    "provision_chain",
    "inserted_unit",
    "self_reference",
    "bare_internal",
    "bare_article_in_amendment",
    "amending_operation",
    "quoted_new_text",
    "repeal",
    "phrase_repeal",
    "phrase_insertion",
    "replace_document",
    "annex",
    "effectiveness",
    "guides",
    "delegation",
    "title_mention",
    "nested_name_only",
    "nested_numbered",
    "alias_definition",
    "provenance_note",
    "provenance_masked",
    "phapdien_source",
    "vbhn",
    "consolidation",
    "suspension",
    "combined_verbs",
    "sunset",
    "standard",
    "non_normative_document",
    "party_document",
    "individual_decision",
    "description_no_identifier",
    "hierarchy_formula",
    "enacting_formula",
    "own_number_line",
    "cyrillic_or_odd_number",
    "old_number_style",
    "source_typo",
    "non_nfc",
    "non_legal_number",
    "no_reference",
    "ambiguous",
    "line_break",
}

ROMAN = r"[IVXLC]+"
POINT = r"(?:dd|[abcdeghiklmnopqrstuvxy])\d*"  # đ written dd; inserted points a1, đ1 (dd1)
ARTICLE_PATH = rf"dieu_\d+[a-z]?(?:__khoan_\d+[a-z]?(?:__diem_{POINT})?)?"
ABOVE = (
    rf"(?:phan_\w+|chuong_(?:{ROMAN}|\d+)(?:__muc_\d+[a-z]?(?:__tieu_muc_\d+)?)?"
    rf"|muc_\d+[a-z]?|tieu_muc_\d+)"
)
ANNEX = rf"phu_luc(?:_(?:{ROMAN}[a-z]?|\d+[a-z]?))?(?:__muc_(?:\d+[a-z]?|{ROMAN}))?"
EID_RE = re.compile(rf"^(?:{ARTICLE_PATH}|{ABOVE}|{ANNEX})$")
DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))?$")
FACT_DATE_RE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|signing|adoption)$")
SYMBOL = r"[A-ZĐ0-9]+(?:-(?:[A-ZĐ0-9]+|TTg))*"
# serial (optionally dotted 66.13, or lettered 30a) / optional year / symbol; TTg mixed case allowed;
# old hyphen style 43-CP, 45-LCT/HĐNN8, 110-SL/L.12; Party documents 57-NQ/TW.
DOC_RE = re.compile(
    rf"^\d+[a-z]?(?:\.\d+)?(?:/\d{{4}})?/(?:{SYMBOL}|(?:QĐ|CT|CĐ|TB)-TTg)$"
    r"|^\d+[a-z]?-[A-ZĐ]+(?:/[A-ZĐ0-9.]+)?$"
)
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
PART_RE = re.compile(r"^[a-z][a-z_]*$")


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


def check_file(path: Path, want_part: str | None, quiet: bool) -> int:
    errors: list[str] = []
    warnings: list[str] = []
    ids: set[str] = set()
    rel_counts: collections.Counter = collections.Counter()
    cat_counts: collections.Counter = collections.Counter()
    part_counts: collections.Counter = collections.Counter()
    n_passages = n_refs = n_units = n_self = n_null = 0
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        print(f"{path}: cannot read ({exc})")
        return 1
    for lineno, line in enumerate(lines, 1):
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
        if not isinstance(pid, str) or not pid:
            errors.append(f"{where}: id must be a non-empty string")
        if pid in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(pid)
        part = rec["part"]
        if not isinstance(part, str) or not PART_RE.match(part):
            errors.append(f"{where}: part must be a lower-case word, got {part!r}")
        elif want_part is not None and part != want_part:
            errors.append(f"{where}: part is {part!r}, expected {want_part!r}")
        part_counts[part] += 1
        text = rec["text"]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: text must be a non-empty string")
            continue
        if "\r" in text or text.startswith("\n") or text.endswith("\n"):
            errors.append(f"{where}: text has \\r or starts/ends with a line break")
        check_doc_id(rec["doc_id"], where + " doc_id", errors, allow_null=False)
        if not isinstance(rec["doc_type"], str) or not rec["doc_type"]:
            errors.append(f"{where}: doc_type missing")
        ctx = rec["context"]
        amended = None
        if not isinstance(ctx, dict):
            errors.append(f"{where}: context must be an object")
            ctx = {}
        elif ctx.get("amended_doc") is not None:
            amended = ctx["amended_doc"]
            check_doc_id(amended, where + " context.amended_doc", errors)
        unit = rec.get("unit")
        if unit is not None and not EID_RE.match(unit):
            errors.append(f"{where}: bad passage unit eid {unit!r}")
        if unit is not None and not pid.endswith("-" + unit):
            errors.append(f"{where}: id does not end with its unit eid {unit!r}")
        cats = rec["categories"]
        if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
            errors.append(f"{where}: categories must be a list of strings")
            cats = []
        if len(set(cats)) != len(cats):
            errors.append(f"{where}: duplicate categories")
        for c in set(cats) - KNOWN_CATEGORIES:
            warnings.append(f"{where}: unknown category {c!r}")
        cat_counts.update(set(cats))
        if unicodedata.normalize("NFC", text) != text and not {"nfd", "non_nfc"} & set(cats):
            warnings.append(f"{where}: text is not NFC but has no 'nfd'/'non_nfc' tag")
        if not isinstance(rec["note"], str):
            errors.append(f"{where}: note must be a string")
        refs = rec["refs"]
        if not isinstance(refs, list):
            errors.append(f"{where}: refs must be a list")
            continue
        if ("no_reference" in cats) != (len(refs) == 0):
            errors.append(f"{where}: 'no_reference' must be set exactly when refs is empty")
        spans = []
        keys = set()
        for k, ref in enumerate(refs):
            rw = f"{where} ref {k}"
            n_refs += 1
            if not isinstance(ref, dict):
                errors.append(f"{rw}: not an object")
                continue
            for key in ("text", "start", "end", "relation", "target"):
                if key not in ref:
                    errors.append(f"{rw}: missing {key}")
                    break
            else:
                s, e = ref["start"], ref["end"]
                ok_span = isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)
                if not ok_span:
                    errors.append(f"{rw}: bad offsets {s}..{e}")
                elif text[s:e] != ref["text"]:
                    errors.append(f"{rw}: text[{s}:{e}]={text[s:e]!r} != {ref['text']!r}")
                elif ref["text"] != ref["text"].strip():
                    errors.append(f"{rw}: span has leading/trailing whitespace")
                rel = ref["relation"]
                if rel not in RELATIONS:
                    errors.append(f"{rw}: relation {rel!r} not in vocabulary")
                rel_counts[rel] += 1
                tgt = ref["target"]
                if not isinstance(tgt, dict) or TARGET_KEYS - tgt.keys():
                    errors.append(f"{rw}: target must have keys {sorted(TARGET_KEYS)}")
                    continue
                check_doc_id(tgt["doc"], rw + " target.doc", errors)
                if tgt["doc"] is None:
                    n_null += 1
                    if not tgt.get("title"):
                        errors.append(f"{rw}: a target without number needs a title")
                if tgt.get("title") is not None and (
                    not isinstance(tgt["title"], str) or "\n" in tgt["title"] or not tgt["title"].strip()
                ):
                    errors.append(f"{rw}: title must be a one-line non-empty string or null")
                if tgt["date"] is not None and not DATE_RE.match(str(tgt["date"])):
                    errors.append(f"{rw}: bad date {tgt['date']!r}")
                if not isinstance(tgt["type"], (str, type(None))):
                    errors.append(f"{rw}: type must be a string or null")
                if not isinstance(tgt["self"], bool):
                    errors.append(f"{rw}: self must be boolean")
                elif tgt["self"]:
                    n_self += 1
                    if tgt["doc"] is None:
                        errors.append(f"{rw}: a self reference needs a doc")
                    elif tgt["doc"] not in (rec["doc_id"], amended):
                        errors.append(
                            f"{rw}: self reference to {tgt['doc']!r}, neither doc_id nor context.amended_doc"
                        )
                    elif tgt["doc"] != rec["doc_id"] and not ctx.get("quoted_new_text"):
                        errors.append(f"{rw}: self reference to the amended document outside quoted new text")
                    if rel not in SELF_RELATIONS:
                        errors.append(f"{rw}: relation {rel!r} cannot be a self reference")
                elif tgt["doc"] is not None and tgt["doc"] == rec["doc_id"]:
                    errors.append(f"{rw}: target is the passage's own document but self is false")
                if not isinstance(tgt["units"], list):
                    errors.append(f"{rw}: units must be a list")
                else:
                    n_units += len(tgt["units"])
                    for u in tgt["units"]:
                        if not isinstance(u, str) or not EID_RE.match(u):
                            errors.append(f"{rw}: bad unit eid {u!r}")
                    if len(set(tgt["units"])) != len(tgt["units"]):
                        errors.append(f"{rw}: duplicate units")
                if ok_span:
                    key = (s, e, rel, tgt["doc"], tgt.get("title"), tuple(sorted(tgt["units"] or [])))
                    if key in keys:
                        errors.append(f"{rw}: duplicate ref (same span, relation and target)")
                    keys.add(key)
                    spans.append((s, e, rel, k))
        # spans: identical spans need different relations; nesting allowed; crossing not allowed
        for i, (s1, e1, r1, k1) in enumerate(spans):
            for s2, e2, r2, k2 in spans[i + 1 :]:
                if (s1, e1) == (s2, e2):
                    if r1 == r2:
                        errors.append(
                            f"{where}: refs {k1} and {k2} share span {s1}..{e1} and relation {r1!r}"
                        )
                elif s1 < e2 and s2 < e1:
                    inner = (s1 <= s2 and e2 <= e1) or (s2 <= s1 and e1 <= e2)
                    if not inner:
                        errors.append(f"{where}: crossing refs {s1}..{e1} and {s2}..{e2}")
        facts = rec["facts"]
        if not isinstance(facts, list):
            errors.append(f"{where}: facts must be a list")
            continue
        for k, fact in enumerate(facts):
            fw = f"{where} fact {k}"
            if not isinstance(fact, dict):
                errors.append(f"{fw}: not an object")
                continue
            if fact.get("kind") not in FACT_KINDS:
                errors.append(f"{fw}: kind {fact.get('kind')!r} not allowed")
            if not FACT_DATE_RE.match(str(fact.get("date"))):
                errors.append(f"{fw}: bad date {fact.get('date')!r}")
            for u in fact.get("units", []):
                if not isinstance(u, str) or not EID_RE.match(u):
                    errors.append(f"{fw}: bad unit eid {u!r}")
            if "target_doc" in fact:
                check_doc_id(fact["target_doc"], fw + " target_doc", errors, allow_null=False)
            elif fact.get("kind") in ("expires", "suspended", "continues_in_force"):
                errors.append(f"{fw}: {fact.get('kind')} needs target_doc")
    print(
        f"{path}: {n_passages} passages, {n_refs} refs, {n_units} unit eids, {n_self} self, {n_null} null doc"
    )
    if not quiet:
        print("parts: " + ", ".join(f"{p} {n}" for p, n in sorted(part_counts.items(), key=str)))
        print("relations:")
        for rel in sorted(RELATIONS, key=lambda r: (-rel_counts[r], r)):
            print(f"  {rel:13s} {rel_counts[rel]}")
        print("categories (passages):")
        for cat, n in sorted(cat_counts.items(), key=lambda x: (-x[1], x[0])):
            print(f"  {cat:26s} {n}")
    for w in warnings:
        print("  warning: " + w)
    if errors:
        print(f"\n{len(errors)} error(s) in {path}:")
        for err in errors:
            print("  " + err)
        return 1
    print(f"OK {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="gold JSONL files (default: refs_gold.jsonl here)")
    ap.add_argument("--part", help="require every passage to have this part (e.g. dev)")
    ap.add_argument("--quiet", action="store_true", help="print only the summary line, warnings and errors")
    args = ap.parse_args(argv)
    files = args.files or [Path(__file__).with_name("refs_gold.jsonl")]
    status = 0
    for f in files:
        status |= check_file(f, args.part, args.quiet)
    return status


if __name__ == "__main__":
    sys.exit(main())
