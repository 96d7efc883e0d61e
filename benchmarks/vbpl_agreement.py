"""How often the parser's number, type, issue date and article count agree with the vbpl page's own header and
title, over every vbpl page with a body in ../shared (issue 2's acceptance figure).

References, each independent of our parser:
- number: the number in the page's title (h1), normalised;
- type: the type word the title starts with;
- issue date: the "<place>, ngày D tháng M năm Y" line among the first 15 lines of the page text (vbpl_docs.jsonl's
  text, extracted by BeautifulSoup), or for laws the "... thông qua ngày ..." line; pages with neither are not
  counted for the date;
- article count: the headings "Điều N" (or "Article N") that start a line of that text, not opening with a quote
  mark, taken in text order as the document's own sequence: Điều 1, 2, 3 … (an inserted 5a after 5 counts),
  restarting at Điều 1 for an attached regulation (not for the "Điều 1" of a form template, "Mẫu số 03 …");
  headings out of sequence (quoted amending text that lost its quote marks) are not counted.

Run: python -m benchmarks.vbpl_agreement [--json out.json] [--misses N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.shared import VBPL_JSONL, require, vbpl_pages
from review.text.numbers import NUMBER_PATTERN, normalize_number

TYPE_PREFIXES = [
    ("Thông tư liên tịch", "Thông tư liên tịch"),
    ("Nghị quyết liên tịch", "Nghị quyết liên tịch"),
    ("Văn bản hợp nhất", "Văn bản hợp nhất"),
    ("Bộ luật", "Bộ luật"),
    ("Luật", "Luật"),
    ("Pháp lệnh", "Pháp lệnh"),
    ("Nghị định", "Nghị định"),
    ("Nghị quyết", "Nghị quyết"),
    ("Quyết định", "Quyết định"),
    ("Thông tư", "Thông tư"),
    ("Chỉ thị", "Chỉ thị"),
    ("Lệnh", "Lệnh"),
    ("Joint circular", "Thông tư liên tịch"),
    ("Circular", "Thông tư"),
    ("Decree", "Nghị định"),
    ("Decision", "Quyết định"),
    ("Resolution", "Nghị quyết"),
    ("Law", "Luật"),
    ("Ordinance", "Pháp lệnh"),
    ("Directive", "Chỉ thị"),
]
_HEADER_DATE = re.compile(r"^[A-ZĐ][^,|]{1,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_PASSED = re.compile(r"thông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_ARTICLE = re.compile(r"^(?:Điều|Article)\s*(\d+)([a-zđ]?)\s*(?:[.:\-–]|$)")


_FORM_LINE = re.compile(r"^(?:Mẫu|MẪU)(?:\s+(?:số|SỐ))?\s*:?\s*[A-ZĐ]{0,6}[-\s]?\d")
_REGULATION_LINE = re.compile(r"^(?:QUY CHẾ|QUY ĐỊNH|ĐIỀU LỆ)\b")


def article_sequence_count(lines: list[str]) -> int:
    """The document's own articles; a form template ("Mẫu số 03 … QUYẾT ĐỊNH: Điều 1 …") has none."""
    count, last = 0, 0
    in_form = signed = False
    for line in lines:
        signed = signed or line.startswith(("Nơi nhận", "TM.", "KT."))
        if signed and _FORM_LINE.match(line):
            in_form = True
        elif _REGULATION_LINE.match(line):
            in_form = False
        m = _ARTICLE.match(line)
        if in_form and m and int(m.group(1)) <= last:
            continue
        if not m:
            continue
        n, suffix = int(m.group(1)), m.group(2)
        # Small gaps are tolerated: this text sometimes splits a heading ("Điều 6" lost to a line break).
        if (
            (last < n <= last + 3 and not suffix)
            or (n == last and suffix)
            or (n == 1 and not suffix and last > 0)
        ):
            count += 1
            last = n
    return count


def reference(record: dict) -> dict:
    title = record["title"]
    # "Nghị định số 369/2025/NĐ-CP sửa đổi … Nghị định số 36/2025/NĐ-CP": the number right after the type word;
    # "Luật sửa đổi … Luật Giáo dục số 43/2019/QH14. số 123/2025/QH15": otherwise the last number.
    numbers = list(re.finditer(NUMBER_PATTERN, title))
    first_words = re.match(rf"^\S+(?:\s+\S+){{0,3}}?\s+(?:số\s+|No\.\s*)?(?={NUMBER_PATTERN})", title)
    m = numbers[0] if first_words else (numbers[-1] if numbers else None)
    ref_type = next((t for prefix, t in TYPE_PREFIXES if title.lower().startswith(prefix.lower())), None)
    # "Văn bản hợp nhất" pages: the number's VBHN marker decides the type.
    lines = record["text"].split("\n")
    date = None
    for line in lines[:15]:
        dm = _HEADER_DATE.match(line)
        if dm:
            date = f"{int(dm.group(3)):04d}-{int(dm.group(2)):02d}-{int(dm.group(1)):02d}"
            break
    if date is None:
        for line in reversed(lines[-40:]):
            dm = _PASSED.search(line)
            if dm:
                date = f"{int(dm.group(3)):04d}-{int(dm.group(2)):02d}-{int(dm.group(1)):02d}"
                break
    articles = article_sequence_count(lines)
    return {
        "number": normalize_number(m.group(0)) if m else None,
        "type": ref_type,
        "issued": date,
        "articles": articles,
    }


def ours(path: str) -> dict:
    from review import parse
    from review.errors import ReviewError

    try:
        (doc,) = parse(path)
    except ReviewError as exc:
        return {"error": str(exc)}
    return {
        "number": doc.number,
        "type": doc.type,
        "issued": doc.issued,
        "articles": len(doc.articles()),
        "language": doc.language,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write the figures and the misses here")
    ap.add_argument("--misses", type=int, default=30, help="how many misses to print per field")
    args = ap.parse_args(argv)
    folder = vbpl_pages()
    if folder is None or require(VBPL_JSONL) is None:
        return 0
    records = [json.loads(line) for line in VBPL_JSONL.open(encoding="utf-8")]
    records = [r for r in records if not r.get("body_missing")]
    paths = [str(folder / r["file"]) for r in records]
    # Imported by module name so worker processes can unpickle it when this file runs as __main__.
    from benchmarks.vbpl_agreement import ours as parse_page

    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(parse_page, paths, chunksize=4))
    figures: dict[str, dict] = {}
    misses: dict[str, list] = {}
    for field in ("number", "type", "issued", "articles"):
        agree = total = 0
        for record, got in zip(records, results, strict=True):
            ref = reference(record)
            if ref[field] is None or (field == "issued" and record.get("lang_guess") == "en"):
                continue
            total += 1
            if got.get(field) == ref[field]:
                agree += 1
            else:
                misses.setdefault(field, []).append(
                    {
                        "file": record["file"],
                        "title": record["title"][:90],
                        "expected": ref[field],
                        "got": got.get(field),
                        "error": got.get("error"),
                    }
                )
        figures[field] = {"agree": agree, "total": total, "rate": round(agree / total, 4) if total else None}
    out = {"pages_with_body": len(records), "figures": figures, "misses": misses}
    print(json.dumps({"pages_with_body": len(records), "figures": figures}, ensure_ascii=False, indent=2))
    for field, rows in misses.items():
        print(f"\n{field}: {len(rows)} misses", file=sys.stderr)
        for row in rows[: args.misses]:
            print(
                f"  {row['file']}  expected {row['expected']!r}  got {row['got']!r}  {row['title']}",
                file=sys.stderr,
            )
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
