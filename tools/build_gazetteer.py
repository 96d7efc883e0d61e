"""Build review/data/annotate/gazetteer.json: the laws, codes and ordinances that references name without a
number ("Luật Đất đai ngày 29 tháng 11 năm 2013", "Bộ luật Hình sự năm 2015"), with number and date.

Sources, each entry saying which:
- the Bộ pháp điển registry in ../shared (phapdien_source_docs.jsonl: number, trích yếu and date of every source
  document the official compilation cites; Bộ Tư pháp);
- the vbpl.vn pages in ../shared (vbpl_docs.jsonl: the page title "Luật <name> số <number>" and the header date);
- names and numbers as the texts themselves write them ("Luật Hải quan số 54/2014/QH13"), mined from the vbpl pages
  and the Bộ pháp điển articles in ../shared; a (name, year) written with two numbers keeps the more frequent;
- tools/gazetteer_manual.json: a few major laws missing from all of these, each with its own source.

Run: python tools/build_gazetteer.py  (needs ../shared; the output is committed)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus-sources"
OUT = ROOT / "review" / "data" / "annotate" / "gazetteer.json"
TYPES = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")

sys.path.insert(0, str(ROOT))
from review.text.numbers import NUMBER_PATTERN, normalize_number  # noqa: E402


def _iso(dmy: str | None) -> str | None:
    """ "29/11/2024" or "29 tháng 11 năm 2024" as 2024-11-29."""
    if not dmy:
        return None
    m = re.fullmatch(r"(\d{1,2})\s*(?:/|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", dmy.strip())
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def from_phapdien() -> list[dict]:
    out = []
    for line in (SHARED / "phapdien-2023" / "phapdien_source_docs.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r["loai_van_ban"] not in TYPES:
            continue
        name = r["trich_yeu"].strip()
        out.append(
            {
                "type": r["loai_van_ban"],
                "name": name,
                "number": normalize_number(r["so_hieu"]),
                "date": _iso(r["ngay_ban_hanh"]),
                "effective": _iso(r["ngay_hieu_luc"]),
                "source": f"phapdien-2023/phapdien_source_docs.jsonl vbpl ItemID {r['vbpl_item_id']}",
            }
        )
    return out


def from_vbpl() -> list[dict]:
    out = []
    for line in (SHARED / "vbpl-vn-2026" / "vbpl_docs.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r.get("lang_guess") != "vi":
            continue
        m = re.match(
            rf"^(Bộ luật|Luật)\s+(?P<name>.+?)\s+số\s+(?P<num>{NUMBER_PATTERN})\s*$", r["title"].strip()
        )
        if not m or m.group("name").lower().startswith("số"):
            continue
        out.append(
            {
                "type": m.group(1),
                "name": m.group("name"),
                "number": normalize_number(m.group("num")),
                "date": r.get("ngay_ban_hanh_from_text"),
                "effective": _iso(r["ngay_co_hieu_luc"]) if r.get("ngay_co_hieu_luc") else None,
                "source": f"vbpl-vn-2026/vbpl_docs.jsonl {r['file']} (page title)",
            }
        )
    return out


def mined() -> list[dict]:
    """(type, name, number) triples the texts write out, counted."""
    import gzip
    from collections import Counter

    from review.annotate.find import find_references
    from review.text.numbers import number_year

    counts: Counter = Counter()
    dates: dict[tuple, str] = {}

    def scan(text: str) -> None:
        for f in find_references(text):
            d = f.doc
            if d and d.type in TYPES and d.name and d.number and not d.self and number_year(d.number):
                key = (d.type, re.sub(r"\s+", " ", d.name).strip(" ,"), d.number)
                counts[key] += 1
                if d.date and len(d.date) == 10:
                    dates.setdefault(key, d.date)

    for _, text in texts():
        scan(text)
    with gzip.open(SHARED / "phapdien-2023" / "phapdien_articles_all.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            scan(r.get("noidung") or "")
    best: dict[tuple, tuple] = {}
    for (doc_type, name, number), n in counts.items():
        slot = (doc_type, name.lower(), number_year(number))
        if slot not in best or n > best[slot][1]:
            best[slot] = ((doc_type, name, number), n)
    out = []
    for (doc_type, name, number), n in best.values():
        if name.lower().startswith(("này", "số")):
            continue
        out.append(
            {
                "type": doc_type,
                "name": name,
                "number": number,
                "date": dates.get((doc_type, name, number)),
                "effective": None,
                "source": f"written out {n}× in the vbpl-vn-2026 and phapdien-2023 texts",
            }
        )
    return out


# "Luật số 90/2025/QH15 ngày 25/6/2025 sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư …": texts name
# an amending law by its number and then its title; the title is how other texts cite it without the number.
_AMENDING_BY_NUMBER = re.compile(
    rf"Luật\s+số\s+(?P<num>{NUMBER_PATTERN})(?:\s*,?\s*ngày\s+(?P<date>\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}}"
    rf"|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}))?\s*,?\s+"
    r"(?P<title>sửa\s+đổi,?\s+bổ\s+sung\s+một\s+số\s+điều\s+(?:của\s+)?(?:Bộ\s+)?Luật\s[^;\n()]{2,400}?)"
    r"(?=\s*(?:[;\n()]|\.\s|\.$|$|,\s*(?:được|có|đã)\s))"
)
# "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15": a
# chain names the law an amending law amends; texts that cite the amending law by title ("Luật sửa đổi, bổ sung
# một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 25 tháng 6 năm 2025") find it by that set of laws.
_DATE_WORDS = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
_AMENDED_BY_NUMBER = re.compile(
    rf"(?<![\wÀ-ỹ])Luật\s+(?P<name>[A-ZĐÂĂÊÔƠƯ][^;\n()“”\"]{{1,120}}?)\s+số\s+(?P<base>{NUMBER_PATTERN})"
    rf"(?:\s*,?\s*ngày\s+(?:{_DATE_WORDS}))?\s*,?\s*\(?(?:đã\s+)?(?:được\s+)?sửa\s+đổi,?\s+bổ\s+sung"
    rf"(?:\s+một\s+số\s+điều)?\s+(?:bởi|theo|tại)\s+(?P<chain>Luật\s+số\s+{NUMBER_PATTERN}"
    rf"(?:\s*(?:,|và)\s*(?:Luật\s+)?số\s+{NUMBER_PATTERN})*)"
)
_CHAIN_NUMBER = re.compile(rf"số\s+(?P<num>{NUMBER_PATTERN})")
_LAW_DATE = re.compile(rf"Luật\s+số\s+(?P<num>{NUMBER_PATTERN})\s*,?\s*ngày\s+(?P<date>{_DATE_WORDS})")
# Local documents in ../shared that are part of a held-out evaluation set: never read by the tools.
_HELD_OUT_LOCAL = {
    "4672020dbba893fb.md",
    "5ed85a656c095d25.md",
    "b50a2c837e9adc09.md",
    "e09bc3b35c473bea.md",
    "f1e9ca38ca659c82.md",
}


def texts() -> list[tuple[str, str]]:
    """(source label, text) of the vbpl pages and of the local Markdown exports in ../shared."""
    out = []
    for line in (SHARED / "vbpl-vn-2026" / "vbpl_docs.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r.get("lang_guess") == "vi" and r.get("text"):
            out.append(("vbpl-vn-2026", r["text"]))
    for path in sorted((SHARED / "local-2026").glob("*.md")):
        if path.name not in _HELD_OUT_LOCAL:
            out.append(("local-2026", path.read_text(encoding="utf-8")))
    return out


def amending_laws() -> list[dict]:
    """Amending laws by the title the texts give them after their number, counted; the most frequent title of
    each number is kept."""
    import unicodedata
    from collections import Counter

    counts: Counter = Counter()
    dates: dict[str, str] = {}
    for _, text in texts():
        for m in _AMENDING_BY_NUMBER.finditer(unicodedata.normalize("NFC", text)):
            number = normalize_number(m.group("num"))
            title = re.sub(r"\s+", " ", m.group("title")).strip(" ,.")
            counts[(number, "Luật " + title[0].lower() + title[1:])] += 1
            date = _iso(m.group("date"))
            if date:
                dates.setdefault(number, date)
    best: dict[str, tuple[str, int]] = {}
    for (number, title), n in counts.items():
        if number not in best or n > best[number][1]:
            best[number] = (title, n)
    return [
        {
            "type": "Luật",
            "name": title,
            "number": number,
            "date": dates.get(number),
            "effective": None,
            "source": f"written 'Luật số {number} {title[5:]}' {n}× in the vbpl-vn-2026 and local-2026 texts",
        }
        for number, (title, n) in sorted(best.items())
    ]


# The years each National Assembly sat (one either side for laws passed at a term's edge): "32/2013/QH15" is a
# misprint, not a law.
_LEGISLATURES = {"QH11": (2002, 2007), "QH12": (2007, 2011), "QH13": (2011, 2016), "QH14": (2016, 2021),
                 "QH15": (2021, 2026), "QH16": (2026, 2031)}  # fmt: skip


def _plausible_law_number(number: str) -> bool:
    m = re.fullmatch(r"\d{1,3}/(?P<year>\d{4})/(?P<term>QH\d\d)", number)
    if not m or m.group("term") not in _LEGISLATURES:
        return False
    first, last = _LEGISLATURES[m.group("term")]
    return first <= int(m.group("year")) <= last


def amending_laws_by_chain(titled: set[str]) -> list[dict]:
    """Amending laws known only from chains ("Luật X số A được sửa đổi, bổ sung bởi Luật số B"), titled by the laws
    the chains say they amend ("Luật sửa đổi, bổ sung một số điều của Luật X, Luật Y"); numbers in ``titled``
    already have the title the texts give them after their number, which is the better one."""
    import unicodedata
    from collections import defaultdict

    amended: dict[str, dict[str, str]] = defaultdict(dict)
    dates: dict[str, str] = {}
    for _, text in texts():
        text = unicodedata.normalize("NFC", text)
        for m in _AMENDED_BY_NUMBER.finditer(text):
            name = re.sub(r"\s+", " ", m.group("name")).strip(" ,")
            base = normalize_number(m.group("base"))
            for c in _CHAIN_NUMBER.finditer(m.group("chain")):
                number = normalize_number(c.group("num"))
                if number != base and _plausible_law_number(number):
                    amended[number].setdefault(base, name)
        for m in _LAW_DATE.finditer(text):
            date = _iso(m.group("date"))
            if date:
                dates.setdefault(normalize_number(m.group("num")), date)
    out = []
    for number, laws in sorted(amended.items()):
        if number in titled:
            continue
        names = sorted(set(laws.values()))
        out.append(
            {
                "type": "Luật",
                "name": "Luật sửa đổi, bổ sung một số điều của " + ", ".join("Luật " + n for n in names),
                "number": number,
                "date": dates.get(number),
                "effective": None,
                "source": "named in the chains 'Luật … số … được sửa đổi, bổ sung bởi Luật số "
                f"{number}' of the vbpl-vn-2026 and local-2026 texts",
            }
        )
    return out


def _is_amending(name: str) -> bool:
    return bool(re.match(r"(?:Luật\s+)?sửa\s+đổi", name, re.IGNORECASE))


def main() -> None:
    manual = json.loads((ROOT / "tools" / "gazetteer_manual.json").read_text(encoding="utf-8"))["entries"]
    seen: dict[str, dict] = {}
    for entry in manual + from_vbpl() + from_phapdien():
        seen.setdefault(entry["number"], entry)
    # Mined names add aliases ("Luật Hải quan" for 54/2014/QH13 when the registry says "Hải quan"); one entry per
    # (number, name), so a law can be found by each name the texts give it.
    names = {(e["number"], e["name"].lower()) for e in seen.values()}
    titled = amending_laws()
    found = mined() + titled + amending_laws_by_chain({e["number"] for e in titled})
    # "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15" was mined as an amending law numbered
    # 31/2024/QH15, which is Luật Đất đai's own number: a number that also names a law that is not an amending
    # one is not the amending law's.
    plain = {e["number"] for e in [*seen.values(), *found] if not _is_amending(e["name"])}
    found = [e for e in found if not (_is_amending(e["name"]) and e["number"] in plain)]
    extra = [e for e in found if (e["number"], e["name"].lower()) not in names]
    entries = sorted([*seen.values(), *extra], key=lambda e: (e["type"], e["name"], e["date"] or ""))
    OUT.write_text(
        json.dumps(
            {"_about": __doc__.split("\n\n")[0] + " Built by tools/build_gazetteer.py.", "entries": entries},
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(entries)} entries → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
