"""Feedback on regulations (issue 16): the import formats and the column mapping, bad rows by row number, storage
and re-linking, and the precision/recall of the provision links on tests/data/feedback_sample.csv (hand-read truth
in tests/data/feedback_sample_truth.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review.errors import FeedbackFileError
from review.feedback import parse_map, read_feedback
from review.feedback.read import parse_date

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "feedback_sample.csv"


def test_the_vietnamese_csv_is_read_and_bad_rows_are_reported_by_number():
    records, errors = read_feedback(SAMPLE)
    truth = [
        json.loads(line) for line in (DATA / "feedback_sample_truth.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(records) == sum(1 for t in truth if "links" in t) >= 55
    assert sorted(e.row for e in errors) == sorted(t["row"] for t in truth if "error" in t)
    by_row = {e.row: e.message for e in errors}
    assert "repeats" in by_row[60] and "not a date" in by_row[59] and "no content" in by_row[58]
    first = records[0]
    assert (first.id, first.received, first.agency) == ("PA-001", "2026-03-02", "Văn phòng Chính phủ")
    replied = next(r for r in records if r.id == "PA-061")
    assert (replied.received, replied.replied) == ("2026-03-05", "2026-03-20")
    assert (
        first.to_dict()["sender"] == "(ẩn)" and first.to_dict(show_sender=True)["sender"] == "Nguyễn Văn An"
    )


def test_jsonl_with_default_keys(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(
        '{"id": "a", "content": "Điều 25 Nghị định 145/2020/NĐ-CP", "received": "2026-01-02"}\n'
        "not json\n"
        '{"id": "b", "title": "no content"}\n'
        '["a list"]\n',
        "utf-8",
    )
    records, errors = read_feedback(path)
    assert [r.id for r in records] == ["a"]
    assert [(e.row, e.message.split(" (")[0]) for e in errors] == [
        (2, "not JSON"),
        (3, "E407 no content"),
        (4, "not a JSON object"),
    ]


def test_xlsx_with_a_column_mapping(tmp_path):
    import openpyxl

    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Số phản ánh", "Nội dung phản ánh", "Ngày"])
    ws.append(["X1", "Thời hạn tại Điều 25 Nghị định 145/2020/NĐ-CP dài", "2026-02-01"])
    ws.append([None, None, None])
    ws.append(["X2", None, "2026-02-02"])
    wb.save(path)
    with pytest.raises(FeedbackFileError):  # without the mapping there is no content column
        read_feedback(path)
    records, errors = read_feedback(path, "id=Số phản ánh,content=Nội dung phản ánh,received=Ngày")
    assert [(r.id, r.received) for r in records] == [("X1", "2026-02-01")]
    assert [e.row for e in errors] == [4]


@pytest.mark.parametrize(
    ("spec", "ok"),
    [
        ("content=Nội dung,id=Số", True),
        ("", True),
        ("body=Nội dung", False),
        ("content", False),
        ("id=", False),
    ],
)
def test_parse_map(spec, ok):
    if ok:
        assert all(v in ("content", "id") for v in parse_map(spec).values())
    else:
        with pytest.raises(FeedbackFileError):
            parse_map(spec)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2026-03-02", "2026-03-02"),
        ("05/03/2026", "2026-03-05"),
        ("2026-03-02 08:15:00", "2026-03-02"),
        ("31/02/2026", None),
        ("hôm qua", None),
    ],
)
def test_dates(text, iso):
    if iso:
        assert parse_date(text) == iso
    else:
        with pytest.raises(FeedbackFileError):
            parse_date(text)


def test_links_on_the_demo_corpus_precision_and_recall(demo_copy):
    import review

    truth = {}
    for line in (DATA / "feedback_sample_truth.jsonl").read_text("utf-8").splitlines():
        t = json.loads(line)
        if "links" in t:
            truth[t["id"]] = set(t["links"])
    with review.open_corpus(demo_copy) as c:
        report = c.import_feedback(SAMPLE)
        assert report.imported == len(truth) and len(report.errors) == 6
        got = {i.record.id: i for i in c.feedback()}
        unlinked = {i.record.id for i in c.feedback(unlinked=True)}
        assert unlinked and all(not got[i].links for i in unlinked)
        on_doc = c.feedback("145/2020/NĐ-CP", "dieu_25")
        assert {"PA-001"} <= {i.record.id for i in on_doc}
        explicit = got["PA-001"].links[0]
        assert (explicit.method, explicit.unit, explicit.confidence) == (
            "reference",
            "dieu_25__khoan_3",
            0.95,
        )
        # the findings on an article people wrote about carry "n phản ánh" in their score
        hit = [f for f in c.findings(doc="145/2020/NĐ-CP") if (f.unit or "").startswith("dieu_25")]
        assert hit and all(f.score_parts.get("feedback", 0) > 0 for f in hit)
        assert abs(sum(hit[0].score_parts.values()) - hit[0].score) < 1e-3
        frame = c.feedback_frame()
        assert set(frame["id"]) == set(truth) and (frame["sender"].dropna() == "(ẩn)").all()
        # links are re-computed when the corpus changes (a build bumps the store version)
        from review.store import feedback as stored

        with c.store.transaction():
            c.store.bump_version()
        assert stored.links(c.store)[0] != c.snapshot.version
        c.feedback()
        assert stored.links(c.store)[0] == c.snapshot.version
    from click.testing import CliRunner

    from review.cli import main

    runner = CliRunner()
    shown = runner.invoke(
        main, ["feedback", "list", "--corpus", str(demo_copy), "--unlinked", "--format", "table"]
    )
    assert shown.exit_code == 0 and shown.output.startswith("Mã  Ngày tiếp nhận") and "(ẩn)" in shown.output
    named = runner.invoke(main, ["feedback", "list", "--corpus", str(demo_copy), "--show-sender"])
    assert "Nguyễn Văn An" in named.output
    again = runner.invoke(main, ["feedback", "import", str(SAMPLE), "--corpus", str(demo_copy)])
    assert again.exit_code == 0 and "row 60: E407 id 'PA-001' repeats an earlier row" in again.stderr
    tp = fp = fn = 0
    for ident, want in truth.items():
        have = {f"{x.doc}#{(x.unit or '').split('__')[0]}" for x in got[ident].links}
        tp, fp, fn = tp + len(want & have), fp + len(have - want), fn + len(want - have)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"feedback links: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})")
    assert precision >= 0.9 and recall >= 0.8


def _precision_recall(truth: dict[str, set[str]], got: dict) -> tuple[float, float, int, int, int]:
    tp = fp = fn = 0
    for ident, want in truth.items():
        have = {f"{x.doc}#{(x.unit or '').split('__')[0]}" for x in got[ident].links}
        tp, fp, fn = tp + len(want & have), fp + len(have - want), fn + len(want - have)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), tp, fp, fn


def test_the_held_back_feedback_file_its_bad_lines_and_its_links(demo_copy):
    """tests/data/feedback_heldout.jsonl (24 records written for the purpose, truth read by hand before the linker
    ran on it): every bad line is reported with its line number and the rest imported; precision and recall are
    printed, not asserted (the linker is not tuned on this file)."""
    import review

    path = DATA / "feedback_heldout.jsonl"
    truth_rows = [
        json.loads(line) for line in (DATA / "feedback_heldout_truth.jsonl").read_text("utf-8").splitlines()
    ]
    truth = {t["id"]: set(t["links"]) for t in truth_rows if "links" in t}
    records, errors = read_feedback(path)
    assert [r.id for r in records] == list(truth)
    expected_errors = {t["row"]: t["error"] for t in truth_rows if "error" in t}
    assert {e.row: e.message for e in errors}.keys() == expected_errors.keys()
    for e in errors:
        assert expected_errors[e.row] in e.message, (e.row, e.message)
    with review.open_corpus(demo_copy) as c:
        report = c.import_feedback(path)
        assert report.imported == len(truth) and len(report.errors) == len(expected_errors)
        got = {i.record.id: i for i in c.feedback() if i.record.id in truth}
    precision, recall, tp, fp, fn = _precision_recall(truth, got)
    print(
        f"feedback links (held-back): precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
    )
    assert len(got) == len(truth)
